package dev.jvault.config;

import java.util.Map;
import java.util.Optional;

/** A profile with its {@code include_profile} mixins applied: its own lines win over included ones. */
record EffectiveProfile(String name, Origin origin, Map<String, IniProperty> properties) {

    Optional<Sourced<String>> value(String key) {
        return Optional.ofNullable(properties.get(key)).filter(p -> !p.value().isEmpty()).map(IniProperty::sourced);
    }

    Optional<IniProperty> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }
}
