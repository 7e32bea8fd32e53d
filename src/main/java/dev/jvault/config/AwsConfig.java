package dev.jvault.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Everything read from {@code ~/.aws/config} and {@code ~/.aws/credentials}: profiles in file
 * order, {@code [sso-session]} and {@code [services]} sections, and the section headers the AWS
 * tools ignore (kept to explain a "profile not found"), and warnings about what was read but
 * probably not meant (each command prints them once). {@code configFile} and
 * {@code credentialsFile} are the files as the user knows them (e.g. {@code ~/.aws/config}).
 */
public record AwsConfig(
        SequencedMap<String, Profile> profiles,
        Map<String, IniSection> ssoSessions,
        Map<String, IniSection> services,
        List<IniSection> ignoredSections,
        List<String> warnings,
        String configFile,
        String credentialsFile,
        java.nio.file.Path credentialsPath) {

    public AwsConfig {
        profiles = java.util.Collections.unmodifiableSequencedMap(new java.util.LinkedHashMap<>(profiles));
        ssoSessions = Map.copyOf(ssoSessions);
        services = Map.copyOf(services);
        ignoredSections = List.copyOf(ignoredSections);
        warnings = List.copyOf(warnings);
    }

    public Optional<Profile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    public List<String> profileNames() {
        return List.copyOf(profiles.sequencedKeySet());
    }
}
