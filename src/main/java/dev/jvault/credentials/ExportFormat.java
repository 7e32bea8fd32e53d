package dev.jvault.credentials;

import dev.jvault.config.ProfileResolver;
import dev.jvault.keys.AwsKeys;
import dev.jvault.target.ChildEnvironment;
import dev.jvault.text.Json;
import dev.jvault.text.Shell;
import dev.jvault.text.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/** How {@code export} prints credentials: the same variables exec sets, or the credential_process JSON, or an INI section. */
public enum ExportFormat {

    /** {@code KEY=value} lines, for .env files and tools that read them. */
    ENV {
        @Override
        public String render(String profile, AwsKeys credentials, Optional<String> region) {
            StringBuilder out = new StringBuilder();
            variables(profile, credentials, region).forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
            return out.toString();
        }
    },

    /** For {@code eval "$(jvault export ...)"}: unsets what could shadow the credentials, then exports them. */
    EXPORT_ENV {
        @Override
        public String render(String profile, AwsKeys credentials, Optional<String> region) {
            StringBuilder out = new StringBuilder("unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN"
                    + " AWS_CREDENTIAL_EXPIRATION\n");
            variables(profile, credentials, region).forEach((key, value) -> out.append("export ").append(key).append('=')
                    .append(Shell.quoted(value)).append('\n'));
            return out.toString();
        }
    },

    /** The credential_process output: Version 1, the keys, and for temporary ones the token and expiry (RFC 3339 UTC). */
    JSON {
        @Override
        public String render(String profile, AwsKeys credentials, Optional<String> region) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("Version", 1);
            json.put("AccessKeyId", credentials.accessKeyId());
            json.put("SecretAccessKey", credentials.secretAccessKey());
            credentials.sessionToken().ifPresent(token -> json.put("SessionToken", token));
            credentials.expiration().ifPresent(expiration -> json.put("Expiration", Timestamps.iso8601(expiration)));
            return Json.write(json);
        }
    },

    /**
     * A credentials-file section named after the profile, as aws-vault prints it; {@code --write}
     * puts the same lines under {@link #defaultSection}, so that they never shadow the profile.
     */
    INI {
        @Override
        public String render(String profile, AwsKeys credentials, Optional<String> region) {
            return "[" + profile + "]\n" + String.join("", iniLines(credentials).stream()
                    .map(line -> line + "\n").toList());
        }
    };

    /** The format named as on the command line ({@code env}, {@code export-env}, {@code json}, {@code ini}). */
    public static Optional<ExportFormat> named(String name) {
        for (ExportFormat format : values()) {
            if (format.optionName().equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The name {@code --format} takes. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every name {@code --format} takes, for the option's completion. */
    public static List<String> optionNames() {
        return java.util.Arrays.stream(values()).map(ExportFormat::optionName).toList();
    }

    public abstract String render(String profile, AwsKeys credentials, Optional<String> region);

    /** The section {@code --write} writes (and {@code --remove-written} removes), unless named otherwise. */
    public static String defaultSection(String profile) {
        return "jvault-" + profile;
    }

    public static List<String> iniLines(AwsKeys credentials) {
        List<String> lines = new ArrayList<>();
        lines.add("aws_access_key_id = " + credentials.accessKeyId());
        lines.add("aws_secret_access_key = " + credentials.secretAccessKey());
        credentials.sessionToken().ifPresent(token -> lines.add("aws_session_token = " + token));
        credentials.expiration().ifPresent(expiration -> lines.add("expiration = " + Timestamps.iso8601(expiration)));
        return lines;
    }

    /** The variables exec sets, less jvault's markers (JVAULT, AWS_VAULT, JVAULT_REGION): the user's shell is not a jvault child. */
    private static SequencedMap<String, String> variables(String profile, AwsKeys credentials, Optional<String> region) {
        SequencedMap<String, String> variables = ChildEnvironment.variables(profile, credentials, region);
        variables.remove("JVAULT");
        variables.remove("AWS_VAULT");
        variables.remove(ProfileResolver.OUTER_REGION);
        return variables;
    }

}
