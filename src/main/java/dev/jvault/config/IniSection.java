package dev.jvault.config;

import java.util.List;
import java.util.Optional;

/** A {@code [header]} with its properties, in file order. A later duplicate key wins, as in the AWS SDKs. */
public record IniSection(String header, Origin origin, List<IniProperty> properties) {

    public IniSection {
        properties = List.copyOf(properties);
    }

    public Optional<IniProperty> property(String key) {
        return properties.stream().filter(p -> p.key().equals(key)).reduce((first, last) -> last);
    }
}
