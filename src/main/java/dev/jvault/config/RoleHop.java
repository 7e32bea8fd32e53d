package dev.jvault.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One AssumeRole in a chain, with the settings of the profile that names the role ({@code mfaSerial}: its own). */
public record RoleHop(
        String profile,
        Sourced<String> roleArn,
        Optional<Sourced<String>> mfaSerial,
        Optional<Sourced<String>> externalId,
        Optional<Sourced<String>> sessionName,
        Optional<Sourced<Duration>> duration,
        Optional<Sourced<String>> sourceIdentity,
        Optional<Sourced<Map<String, String>>> sessionTags,
        Optional<Sourced<List<String>>> transitiveTags) {
}
