package dev.jvault.config;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.regex.Pattern;

/**
 * Reads IAM Identity Center settings as botocore does: a profile is an SSO profile when it has
 * {@code sso_account_id} or {@code sso_role_name}; {@code sso_session} pulls in the named
 * {@code [sso-session]} section, whose values must agree with any the profile repeats; without
 * it, the profile's own {@code sso_start_url} and {@code sso_region} are the legacy form.
 */
final class SsoConfig {

    static final String DEFAULT_SCOPE = "sso:account:access";
    private static final List<String> ROLE_KEYS = List.of("sso_account_id", "sso_role_name");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private SsoConfig() {
    }

    static boolean namesRole(Profile profile) {
        return ROLE_KEYS.stream().anyMatch(key -> profile.property(key).isPresent());
    }

    static boolean namesSession(Profile profile) {
        return profile.value("sso_session").isPresent() || profile.value("sso_start_url").isPresent();
    }

    static SsoRole role(Profile profile, AwsConfig config, Environment env) {
        Map<String, Sourced<String>> merged = merged(profile, config);
        SequencedSet<String> missing = new LinkedHashSet<>();
        for (String key : List.of("sso_start_url", "sso_region", "sso_account_id", "sso_role_name")) {
            if (!merged.containsKey(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(profile.origin(), "profile " + profile.name() + " is set up for IAM Identity Center"
                    + " but has no " + String.join(", ", missing) + ": add " + (missing.size() == 1 ? "it" : "them")
                    + (merged.containsKey("sso_session") ? " to the profile or its [sso-session] section"
                            : " (or sso_session = NAME and an [sso-session NAME] section)"));
        }
        Sourced<String> account = merged.get("sso_account_id");
        if (!ACCOUNT_ID.matcher(account.value()).matches()) {
            throw new ConfigException(account.origin(), "sso_account_id '" + Settings.shown(account.value())
                    + "' of profile " + profile.name() + " is not a 12-digit AWS account id: correct it");
        }
        return new SsoRole(session(Optional.of(profile), merged, config, env), account, merged.get("sso_role_name"));
    }

    /** The sign-in a profile uses, for {@code sso login PROFILE}: its {@code sso_session}, or its legacy keys. */
    static SsoSession session(Profile profile, AwsConfig config, Environment env) {
        Map<String, Sourced<String>> merged = merged(profile, config);
        requireSessionKeys(profile.origin(), "profile " + profile.name(), merged);
        return session(Optional.of(profile), merged, config, env);
    }

    /** {@code --sso-session NAME}; endpoints from {@code endpointsFrom} (the default profile) and the environment. */
    static SsoSession named(String name, Optional<Profile> endpointsFrom, AwsConfig config, Environment env) {
        IniSection section = config.ssoSessions().get(name);
        if (section == null) {
            throw new UnknownProfileException("no [sso-session " + name + "] section in " + config.configFile()
                    + (config.ssoSessions().isEmpty() ? "" : "; sessions there: "
                            + String.join(", ", config.ssoSessions().keySet().stream().sorted().toList())));
        }
        Map<String, Sourced<String>> merged = new HashMap<>();
        section.properties().forEach(p -> merged.put(p.key(), p.sourced()));
        merged.put("sso_session", new Sourced<>(name, section.origin()));
        requireSessionKeys(section.origin(), "[sso-session " + name + "]", merged);
        return session(endpointsFrom, merged, config, env);
    }

    private static void requireSessionKeys(Origin origin, String where, Map<String, Sourced<String>> merged) {
        List<String> missing = List.of("sso_start_url", "sso_region").stream().filter(key -> !merged.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            throw new ConfigException(origin, where + " has no " + String.join(", ", missing) + ": add "
                    + (missing.size() == 1 ? "it" : "them") + ", or sso_session = NAME and an [sso-session NAME] section");
        }
    }

    private static SsoSession session(Optional<Profile> profile, Map<String, Sourced<String>> merged, AwsConfig config,
            Environment env) {
        Optional<String> name = Optional.ofNullable(merged.get("sso_session")).map(Sourced::value);
        Sourced<String> startUrl = merged.get("sso_start_url");
        Settings.endpoint(startUrl); // an http(s) URL with a host, or a config error naming its line
        Sourced<String> region = Settings.region(merged.get("sso_region"));
        List<String> scopes = Optional.ofNullable(merged.get("sso_registration_scopes"))
                .map(text -> Arrays.stream(text.value().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(name.isPresent() ? List.of(DEFAULT_SCOPE) : List.of());
        boolean deviceCode = name.isEmpty() || Optional.ofNullable(merged.get("sso_use_device_code"))
                .map(v -> v.value().equalsIgnoreCase("true")).orElse(false);
        String suffix = region.value().startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        Sourced<URI> oidc = ConfiguredEndpoints.find(profile, config, env, "SSO_OIDC", "sso_oidc").map(Settings::endpoint)
                .orElse(new Sourced<>(URI.create("https://oidc." + region.value() + "." + suffix),
                        Origin.builtIn("IAM Identity Center OIDC endpoint for " + region.value())));
        Sourced<URI> portal = ConfiguredEndpoints.find(profile, config, env, "SSO", "sso").map(Settings::endpoint)
                .orElse(new Sourced<>(URI.create("https://portal.sso." + region.value() + "." + suffix),
                        Origin.builtIn("IAM Identity Center portal endpoint for " + region.value())));
        return new SsoSession(name, startUrl, region, scopes, deviceCode, oidc, portal);
    }

    /**
     * The profile's keys with its session's merged in, as botocore merges them: a key both
     * name must have one value, or the config is wrong.
     */
    private static Map<String, Sourced<String>> merged(Profile profile, AwsConfig config) {
        Map<String, Sourced<String>> merged = new HashMap<>();
        profile.properties().values().forEach(p -> merged.put(p.key(), p.sourced()));
        Optional<Sourced<String>> sessionName = profile.value("sso_session");
        if (sessionName.isEmpty()) {
            return merged;
        }
        IniSection section = config.ssoSessions().get(sessionName.get().value());
        if (section == null) {
            throw new ConfigException(sessionName.get().origin(), "profile " + profile.name() + " names sso_session '"
                    + sessionName.get().value() + "', but there is no [sso-session " + sessionName.get().value() + "] section");
        }
        for (IniProperty property : section.properties()) {
            Sourced<String> own = merged.get(property.key());
            if (own != null && !own.value().equals(property.value())) {
                throw new ConfigException(own.origin(), property.key() + " is '" + Settings.shown(own.value())
                        + "' in profile " + profile.name() + " but '" + Settings.shown(property.value()) + "' in [sso-session "
                        + sessionName.get().value() + "] (" + property.origin() + "): keep one of them");
            }
            merged.put(property.key(), property.sourced());
        }
        return merged;
    }
}
