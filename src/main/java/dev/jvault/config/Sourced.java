package dev.jvault.config;

/** A value together with where it came from. */
public record Sourced<T>(T value, Origin origin) {

    public <R> Sourced<R> map(java.util.function.Function<T, R> mapper) {
        return new Sourced<>(mapper.apply(value), origin);
    }
}
