package dev.jvault.credentials;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.CredentialsFileKeys;
import dev.jvault.config.Environment;
import dev.jvault.config.ProfileResolver;
import dev.jvault.error.ExitStatus;
import dev.jvault.prompt.Prompter;
import dev.jvault.store.AccessKeys;
import dev.jvault.store.StoredItem;
import java.time.Instant;

/**
 * Where {@code add} takes a profile's long-lived keys from: the terminal, the environment, or
 * the credentials file. Never the command line. The keys are checked before anything is stored:
 * their shape, and that the profile is the root of its chain (keys of a role profile would never
 * be used).
 */
public final class KeySources {

    public enum Source { TERMINAL, ENVIRONMENT, CREDENTIALS_FILE }

    private final Environment env;
    private final AwsConfig config;
    private final Prompter prompter;

    public KeySources(Environment env, AwsConfig config, Prompter prompter) {
        this.env = env;
        this.config = config;
        this.prompter = prompter;
    }

    /** Refuses a profile whose keys would never be used; checked before the store is opened, from the files alone. */
    public void requireKeyHolder(String profile) {
        if (config.profile(profile).isPresent()) {
            new ProfileResolver(config, env, name -> false).requireRoot(profile);
        }
    }

    public StoredItem.LongLivedKeys read(String profile, Source source) {
        StoredItem.LongLivedKeys keys = switch (source) {
            case ENVIRONMENT -> new StoredItem.LongLivedKeys(profile, variable("AWS_ACCESS_KEY_ID"),
                    variable("AWS_SECRET_ACCESS_KEY"), Instant.now());
            case CREDENTIALS_FILE -> {
                CredentialsFileKeys.Found found = CredentialsFileKeys.find(config, profile);
                yield new StoredItem.LongLivedKeys(profile, found.accessKeyId(), found.secretAccessKey(), Instant.now());
            }
            case TERMINAL -> fromTerminal(profile);
        };
        AccessKeys.checkLongLived(keys.accessKeyId(), keys.secretAccessKey());
        return keys;
    }

    private String variable(String name) {
        return env.get(name).orElseThrow(() -> new KeySourceException(ExitStatus.DATA, "--env: $" + name
                + " is not set"));
    }

    private StoredItem.LongLivedKeys fromTerminal(String profile) {
        if (!prompter.available()) {
            throw new KeySourceException(ExitStatus.UNAVAILABLE, "no terminal to ask for the keys on: use --env"
                    + " or --from-credentials-file");
        }
        String id = prompter.line("Access key ID for " + profile + ": ").strip();
        char[] secret = prompter.secret("Secret access key: ");
        return new StoredItem.LongLivedKeys(profile, id, new String(secret).strip(), Instant.now());
    }
}
