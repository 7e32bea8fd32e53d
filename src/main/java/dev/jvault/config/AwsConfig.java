package dev.jvault.config;

import dev.jvault.text.Suggestions;
import java.util.List;
import java.util.Locale;
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

    /** The profile a command names; an unknown one is "not found" (66) with the closest names, in every command. */
    public Profile require(String name) {
        return profile(name).orElseThrow(() -> new UnknownProfileException("there is no profile '" + name + "' in "
                + configFile + " or " + credentialsFile + ignoredSectionHint(name)
                + Suggestions.didYouMean(name, profileNames()).orElse(profiles.isEmpty() ? ""
                        : "; profiles there: " + String.join(", ", profileNames()))));
    }

    /** Says that a profile another one names is in neither file, and how to write a header the AWS tools ignore that looks meant for it. */
    String notFound(String name) {
        return "profile '" + name + "', which is in neither " + configFile + " nor " + credentialsFile
                + ignoredSectionHint(name);
    }

    private String ignoredSectionHint(String name) {
        return ignoredSections.stream()
                .filter(section -> section.header().equalsIgnoreCase(name)
                        || AwsConfigLoader.qualifiedName(section.header().toLowerCase(Locale.ROOT), "profile")
                                .filter(name.toLowerCase(Locale.ROOT)::equals).isPresent())
                .findFirst()
                .map(section -> " (" + section.origin() + " has [" + section.header() + "]: write [profile " + name
                        + "] in " + configFile + " and [" + name + "] in " + credentialsFile + ")")
                .orElse("");
    }

    public List<String> profileNames() {
        return List.copyOf(profiles.sequencedKeySet());
    }
}
