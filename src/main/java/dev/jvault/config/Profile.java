package dev.jvault.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A profile's own lines from the config and credentials files, before any inheritance.
 * {@code origins} lists the section headers it was read from.
 */
public record Profile(String name, List<Origin> origins, Map<String, IniProperty> properties) {

    public Profile {
        origins = List.copyOf(origins);
        properties = Map.copyOf(properties);
    }

    public Optional<IniProperty> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    public Optional<Sourced<String>> value(String key) {
        return property(key).filter(p -> !p.value().isEmpty()).map(IniProperty::sourced);
    }

    public Origin origin() {
        return origins.getFirst();
    }
}
