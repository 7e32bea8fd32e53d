package dev.jvault.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks on each config value, with the limits STS and IAM put on them, so that a mistake
 * is reported with its file and line before any call to AWS.
 */
final class Settings {

    static final Duration ROLE_MIN = Duration.ofMinutes(15);
    static final Duration ROLE_MAX = Duration.ofHours(12);

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern MFA_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:(mfa|u2f)/[\\w+=,.@/-]{1,512}");
    private static final Pattern MFA_HARDWARE_SERIAL = Pattern.compile("[\\w+=/:,.@-]{9,256}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    /** What botocore lets through as a region before it looks at partitions: one DNS label. */
    private static final Pattern HOST_LABEL = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Set<String> CREDENTIAL_SOURCES = Set.of("Environment", "Ec2InstanceMetadata", "EcsContainer");
    private static final int MAX_SESSION_TAGS = 50;

    private Settings() {
    }

    static Sourced<String> roleArn(String profile, Sourced<String> arn) {
        return require(arn, ROLE_ARN.matcher(arn.value()).matches(), "role_arn '" + shown(arn.value()) + "' of profile "
                + profile + " is not a role ARN: write arn:aws:iam::123456789012:role/NAME");
    }

    static Sourced<String> mfaSerial(String profile, Sourced<String> serial) {
        String value = serial.value();
        boolean valid = value.startsWith("arn:") ? MFA_ARN.matcher(value).matches() : MFA_HARDWARE_SERIAL.matcher(value).matches();
        return require(serial, valid, "mfa_serial '" + shown(value) + "' of profile " + profile
                + " is neither an MFA device ARN (arn:aws:iam::123456789012:mfa/NAME) nor a hardware serial number");
    }

    static Sourced<String> externalId(String profile, Sourced<String> id) {
        return require(id, EXTERNAL_ID.matcher(id.value()).matches(), "external_id of profile " + profile
                + " must be 2 to 1224 characters of letters, digits and +=,.@:/-");
    }

    static Sourced<String> sessionName(String key, String profile, Sourced<String> name) {
        return require(name, SESSION_NAME.matcher(name.value()).matches(), key + " '" + shown(name.value()) + "' of profile "
                + profile + " must be 2 to 64 characters of letters, digits and +=,.@-");
    }

    static Sourced<String> region(Sourced<String> region) {
        return require(region, HOST_LABEL.matcher(region.value()).matches()
                        && AwsPartition.ofRegion(region.value()).isPresent(),
                "region '" + shown(region.value()) + "' is not a region of any AWS partition (such as eu-west-1)");
    }

    static Sourced<String> credentialSource(String profile, Sourced<String> kind) {
        return require(kind, CREDENTIAL_SOURCES.contains(kind.value()), "credential_source '" + shown(kind.value())
                + "' of profile " + profile + " must be Environment, Ec2InstanceMetadata or EcsContainer");
    }

    static Sourced<Duration> roleDuration(String profile, Sourced<String> seconds) {
        if (!seconds.value().matches("\\d{1,9}")) {
            throw new ConfigException(seconds.origin(), "duration_seconds '" + shown(seconds.value()) + "' of profile "
                    + profile + " must be a whole number of seconds (900 to 43200)");
        }
        return new Sourced<>(Durations.parseWithin(seconds, ROLE_MIN, ROLE_MAX, "duration_seconds of profile " + profile),
                seconds.origin());
    }

    private static final int MAX_PORT = 65535;

    static Sourced<URI> endpoint(Sourced<String> url) {
        try {
            URI uri = new URI(url.value());
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getPort() <= MAX_PORT) {
                return new Sourced<>(uri, url.origin());
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException(url.origin(), "endpoint '" + shown(url.value()) + "' is not an http(s) URL with a host"
                + " (and a port up to " + MAX_PORT + "): correct it or unset it");
    }

    /** {@code session_tags = Key1=Value1,Key2=Value2}, as aws-vault writes them. */
    static Sourced<Map<String, String>> sessionTags(String profile, Sourced<String> text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String pair : text.value().split(",")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? "" : pair.substring(0, equals).strip();
            String value = equals < 0 ? "" : pair.substring(equals + 1).strip();
            if (key.isEmpty() || key.length() > 128 || value.length() > 256 || tags.put(key, value) != null) {
                throw new ConfigException(text.origin(), "session_tags of profile " + profile
                        + " must be Key=Value pairs separated by commas, each key once (keys up to 128 characters, values up to 256)");
            }
        }
        if (tags.size() > MAX_SESSION_TAGS) {
            throw new ConfigException(text.origin(), "session_tags of profile " + profile + " has " + tags.size()
                    + " tags; STS takes at most " + MAX_SESSION_TAGS);
        }
        return new Sourced<>(Map.copyOf(tags), text.origin());
    }

    static Sourced<List<String>> transitiveTags(String profile, Sourced<String> text, Map<String, String> sessionTags) {
        List<String> keys = new ArrayList<>();
        for (String key : text.value().split(",")) {
            String trimmed = key.strip();
            if (!sessionTags.containsKey(trimmed)) {
                throw new ConfigException(text.origin(), "transitive_session_tags of profile " + profile + " names '"
                        + shown(trimmed) + "', which is not one of its session_tags");
            }
            keys.add(trimmed);
        }
        return new Sourced<>(List.copyOf(keys), text.origin());
    }

    /** A value as shown in a message: long ones cut short (ConfigException escapes the rest). */
    static String shown(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    private static <T> Sourced<T> require(Sourced<T> value, boolean valid, String message) {
        if (!valid) {
            throw new ConfigException(value.origin(), message);
        }
        return value;
    }
}
