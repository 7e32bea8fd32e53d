package dev.jvault.config;

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

/**
 * Finds and reads the AWS config and credentials files as the AWS CLI does
 * ({@code AWS_CONFIG_FILE}, {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/}). The only
 * class in this package that does I/O. A missing file is an empty one, except a config file the
 * user named explicitly.
 */
public final class AwsConfigLoader {

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
                .map(this::expandHome)
                .orElseGet(() -> env.home().resolve(".aws").resolve(defaultName));
    }

    private Path expandHome(String path) {
        return path.equals("~") || path.startsWith("~/") ? env.home().resolve(path.substring(Math.min(2, path.length()))) : Path.of(path);
    }

    /** @param mayQuote whether errors may quote the file's lines (never the credentials file's) */
    private List<IniSection> read(Path path, boolean mayQuote) {
        String name = env.display(path);
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

    /** Sorts sections into profiles, sso-sessions and services; rejects a section defined twice. */
    private static final class Builder {
        private final Map<String, Origin> seenInConfig = new HashMap<>();
        private final Map<String, Origin> seenInCredentials = new HashMap<>();
        private final LinkedHashMap<String, List<IniSection>> profileSections = new LinkedHashMap<>();
        private final Map<String, IniSection> ssoSessions = new HashMap<>();
        private final Map<String, IniSection> services = new HashMap<>();
        private final List<IniSection> ignored = new ArrayList<>();

        void addConfigSection(IniSection section) {
            String header = section.header();
            String[] words = header.split("\\s+", 2);
            if (header.equals("default")) {
                addProfile("default", section, seenInConfig);
            } else if (words.length == 2 && words[0].equals("profile")) {
                addProfile(words[1], section, seenInConfig);
            } else if (words.length == 2 && words[0].equals("sso-session")) {
                ssoSessions.put(unique("sso-session " + words[1], section, seenInConfig), section);
            } else if (words.length == 2 && words[0].equals("services")) {
                services.put(unique("services " + words[1], section, seenInConfig), section);
            } else {
                ignored.add(section);
            }
        }

        void addCredentialsSection(IniSection section) {
            if (section.header().startsWith("profile ")) {
                ignored.add(section);
            } else {
                addProfile(section.header(), section, seenInCredentials);
            }
        }

        private void addProfile(String name, IniSection section, Map<String, Origin> seen) {
            unique("profile " + name, section, seen);
            profileSections.computeIfAbsent(name, n -> new ArrayList<>()).add(section);
        }

        private static String unique(String key, IniSection section, Map<String, Origin> seen) {
            Origin earlier = seen.putIfAbsent(key, section.origin());
            if (earlier != null) {
                throw new ConfigException(section.origin(), "[" + section.header() + "] is defined a second time ("
                        + "first at " + earlier + "): merge the two sections into one");
            }
            return key.substring(key.indexOf(' ') + 1);
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
            return new AwsConfig(profiles, ssoSessions, services, ignored, configName, credentialsName, credentialsPath);
        }
    }
}
