package dev.jvault.config;

import java.util.List;
import java.util.Optional;

/**
 * One {@code key = value} line. A key with an empty value followed by indented
 * {@code key = value} lines (as in {@code [services x]}) holds those as sub-properties.
 */
public record IniProperty(String key, String value, Origin origin, List<IniProperty> subProperties) {

    public IniProperty {
        subProperties = List.copyOf(subProperties);
    }

    public Optional<IniProperty> sub(String subKey) {
        return subProperties.stream().filter(p -> p.key().equals(subKey)).reduce((first, last) -> last);
    }

    public Sourced<String> sourced() {
        return new Sourced<>(value, origin);
    }
}
