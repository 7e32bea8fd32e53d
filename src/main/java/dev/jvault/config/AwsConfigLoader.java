package dev.jvault.config;

import dev.jvault.log.Log;
import dev.jvault.text.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and reads the AWS config and credentials files as the AWS CLI does
 * ({@code AWS_CONFIG_FILE}, {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/}). The only
 * class in this package that does I/O. A missing file is an empty one, except a config file the
 * user named explicitly.
 */
public final class AwsConfigLoader {

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z0-9_]+)}|([A-Za-z0-9_]+))");

    private final Environment env;

    public AwsConfigLoader(Environment env) {
        this.env = env;
    }

    /** @param explicitConfigFile the {@code --config-file} option, which must exist when given */
    public AwsConfig load(Optional<Path> explicitConfigFile) {
        Path configPath = explicitConfigFile.orElseGet(() -> pathFromEnv("AWS_CONFIG_FILE", "config"));
        Path credentialsPath = pathFromEnv("AWS_SHARED_CREDENTIALS_FILE", "credentials");
        if (explicitConfigFile.isPresent() && !Files.exists(configPath)) {
            throw new ConfigException("config file " + env.display(configPath) + " does not exist");
        }
        Builder builder = new Builder();
        String configName = env.display(configPath);
        for (IniSection section : read(configPath, true)) {
            builder.addConfigSection(section);
        }
        String credentialsName = env.display(credentialsPath);
        for (IniSection section : read(credentialsPath, false)) {
            builder.addCredentialsSection(section);
        }
        return builder.build(configName, credentialsName, credentialsPath);
    }

    private Path pathFromEnv(String variable, String defaultName) {
        return env.get(variable)
                .map(this::expand)
                .orElseGet(() -> env.home().resolve(".aws").resolve(defaultName));
    }

    /**
     * {@code ~} and then {@code $NAME} / {@code ${NAME}}, as the AWS CLI expands these paths
     * (Python's expanduser and expandvars): a variable that is not set stays as written.
     */
    private Path expand(String path) {
        String home = path.equals("~") || path.startsWith("~/") ? env.home() + path.substring(1) : path;
        Matcher variable = VARIABLE.matcher(home);
        StringBuilder expanded = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
            String value = Optional.ofNullable(env.variables().get(name)).orElse(variable.group());
            variable.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        return env.path(variable.appendTail(expanded).toString());
    }

    /** @param mayQuote whether errors may quote the file's lines (never the credentials file's) */
    private List<IniSection> read(Path path, boolean mayQuote) {
        String name = env.display(path);
        if (Log.enabled()) { // the extra stat only for --debug
            Log.debug("reading " + name + (Files.exists(path) ? "" : " (not there: empty)"));
        }
        try {
            if (Files.isDirectory(path)) {
                throw new ConfigException(name + " is a directory, not an AWS config file");
            }
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                throw new ConfigException(name + " is not a regular file (a device or a pipe?): point jvault at the file itself");
            }
            if (Files.exists(path) && Files.size(path) > IniParser.MAX_BYTES) {
                throw IniParser.tooLarge(name, Files.size(path));
            }
            return IniParser.parse(name, Files.readAllBytes(path), mayQuote);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + name + ": " + e.getMessage());
        }
    }

    /**
     * Sorts sections into profiles, sso-sessions and services as the AWS CLI does; rejects a
     * section defined twice, and warns about what the CLI reads silently (a key given twice,
     * both [default] and [profile default]).
     */
    private static final class Builder {
        private final Map<String, IniSection> seenInConfig = new HashMap<>();
        private final Map<String, Origin> seenInCredentials = new HashMap<>();
        private final LinkedHashMap<String, List<IniSection>> profileSections = new LinkedHashMap<>();
        private final Map<String, IniSection> ssoSessions = new HashMap<>();
        private final Map<String, IniSection> services = new HashMap<>();
        private final List<IniSection> ignored = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        void addConfigSection(IniSection section) {
            warnAboutRepeatedKeys(section);
            String header = section.header();
            Optional<String> profileName = qualifiedName(header, "profile");
            Optional<String> ssoSession = qualifiedName(header, "sso-session");
            Optional<String> service = qualifiedName(header, "services");
            if (header.equals("default")) {
                addConfigProfile("default", section);
            } else if (profileName.isPresent()) {
                addConfigProfile(profileName.get(), section);
            } else if (ssoSession.isPresent()) {
                ssoSessions.put(uniqueInConfig("sso-session " + ssoSession.get(), section), section);
            } else if (service.isPresent()) {
                services.put(uniqueInConfig("services " + service.get(), section), section);
            } else {
                ignored.add(section);
            }
        }

        void addCredentialsSection(IniSection section) {
            warnAboutRepeatedKeys(section);
            if (section.header().startsWith("profile ")) {
                ignored.add(section);
                return;
            }
            Origin earlier = seenInCredentials.putIfAbsent(section.header(), section.origin());
            if (earlier != null) {
                throw definedTwice(section, earlier);
            }
            profileSections.computeIfAbsent(section.header(), n -> new ArrayList<>()).add(section);
        }

        /**
         * Two headers spelled differently that name one profile ({@code [default]} and
         * {@code [profile default]}, {@code [profile dev]} and {@code [profile "dev"]}): the CLI
         * takes whichever comes later in the file, whole, so jvault does too and says so. The same
         * header twice is a parse error in the CLI, and refused here too.
         */
        private void addConfigProfile(String name, IniSection section) {
            IniSection earlier = seenInConfig.get("profile " + name);
            if (earlier != null && !earlier.header().equals(section.header())) {
                warnings.add("[" + earlier.header() + "] (" + earlier.origin() + ") and [" + section.header() + "] ("
                        + section.origin() + ") both define " + (name.equals("default") ? "the default profile"
                        : "profile " + name) + ": the later one is used, as by the AWS CLI; remove the other");
                profileSections.get(name).remove(earlier);
                seenInConfig.remove("profile " + name);
            }
            uniqueInConfig("profile " + name, section);
            profileSections.computeIfAbsent(name, n -> new ArrayList<>()).add(section);
        }

        private String uniqueInConfig(String key, IniSection section) {
            IniSection earlier = seenInConfig.putIfAbsent(key, section);
            if (earlier != null) {
                throw definedTwice(section, earlier.origin());
            }
            return key.substring(key.indexOf(' ') + 1);
        }

        private static ConfigException definedTwice(IniSection section, Origin earlier) {
            return new ConfigException(section.origin(), "[" + section.header() + "] is defined a second time ("
                    + "first at " + earlier + "): merge the two sections into one");
        }

        private void warnAboutRepeatedKeys(IniSection section) {
            Map<String, Origin> first = new HashMap<>();
            for (IniProperty property : section.properties()) {
                Origin earlier = first.putIfAbsent(property.key(), property.origin());
                if (earlier != null) {
                    warnings.add(property.key() + " is given twice in [" + section.header() + "] (" + earlier + " and "
                            + property.origin() + "): the later value is used; remove the other line");
                }
            }
        }

        AwsConfig build(String configName, String credentialsName, Path credentialsPath) {
            LinkedHashMap<String, Profile> profiles = new LinkedHashMap<>();
            profileSections.forEach((name, sections) -> {
                Map<String, IniProperty> merged = new HashMap<>();
                List<Origin> origins = new ArrayList<>();
                // Config first, credentials second: the credentials file wins, as in the AWS SDKs.
                for (IniSection section : sections) {
                    origins.add(section.origin());
                    section.properties().forEach(p -> merged.put(p.key(), p));
                }
                profiles.put(name, new Profile(name, origins, merged));
            });
            return new AwsConfig(profiles, ssoSessions, services, ignored, warnings, configName, credentialsName,
                    credentialsPath);
        }
    }

    /**
     * The name in a {@code [kind name]} header, split as the AWS CLI splits it (shell words):
     * {@code [profile "my dev"]} names {@code my dev}; {@code [profile my dev]}, three words, names
     * nothing, and the CLI ignores the section.
     */
    static Optional<String> qualifiedName(String header, String kind) {
        List<String> words = Shell.words(header);
        return words.size() == 2 && words.getFirst().equals(kind) ? Optional.of(words.get(1)) : Optional.empty();
    }
}
