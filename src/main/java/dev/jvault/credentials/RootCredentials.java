package dev.jvault.credentials;

import dev.jvault.config.Environment;
import dev.jvault.config.RootSource;
import dev.jvault.config.Sourced;
import dev.jvault.config.Timeouts;
import dev.jvault.error.ExitStatus;
import dev.jvault.keys.AwsKeys;
import dev.jvault.sso.SsoRoleSource;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.ItemKey;
import dev.jvault.store.StoredItem;
import dev.jvault.sts.StsGateway;
import java.time.Clock;
import java.util.Optional;

/**
 * The credentials at the bottom of a chain: stored long-lived keys, temporary keys from the
 * files, a web identity's role, a credential_process, the environment's, a container's or an
 * instance's, or an IAM Identity Center role's.
 */
final class RootCredentials {

    private final CredentialStore store;
    private final Environment env;
    private final SsoRoleSource ssoRoles;
    private final Clock clock;

    RootCredentials(CredentialStore store, Environment env, SsoRoleSource ssoRoles, Clock clock) {
        this.store = store;
        this.env = env;
        this.ssoRoles = ssoRoles;
        this.clock = clock;
    }

    /** @param sts for a root that is itself an STS call (a web identity); nothing else touches it */
    AwsKeys of(RootSource source, StsGateway sts) {
        return switch (source) {
            case RootSource.StoredKeys keys -> store.get(ItemKey.keys(keys.profile()))
                    .map(StoredItem.LongLivedKeys.class::cast)
                    .map(stored -> AwsKeys.longLived(stored.accessKeyId(), stored.secretAccessKey()))
                    .orElseThrow(() -> new KeySourceException(ExitStatus.NOT_FOUND, "no keys for profile "
                            + keys.profile() + " in " + store.describe() + ": store them with jvault add " + keys.profile()));
            case RootSource.TemporaryKeys keys -> keys.keys();
            case RootSource.WebIdentity web -> sts.assumeRoleWithWebIdentity(web.roleArn().value(),
                    WebIdentityToken.read(web), web.sessionName().map(Sourced::value)
                            .orElseGet(() -> SessionNames.defaultName(env, clock)));
            case RootSource.CredentialSource kind when kind.kind().value().equals("Environment") -> fromEnvironment(env, kind);
            case RootSource.CredentialSource kind -> MetadataCredentials.of(kind, env);
            case RootSource.CredentialProcess process -> CredentialProcess.run(process, Timeouts.helper(env), env);
            case RootSource.SingleSignOn sso -> ssoRoles.credentials(sso.role());
        };
    }

    private static AwsKeys fromEnvironment(Environment env, RootSource.CredentialSource kind) {
        String id = env.get("AWS_ACCESS_KEY_ID").orElseThrow(() -> new KeySourceException(ExitStatus.NOT_FOUND,
                "profile " + kind.profile() + " takes its keys from the environment (credential_source = Environment),"
                        + " and AWS_ACCESS_KEY_ID is not set"));
        String secret = env.get("AWS_SECRET_ACCESS_KEY").orElseThrow(() -> new KeySourceException(ExitStatus.NOT_FOUND,
                "credential_source = Environment: AWS_SECRET_ACCESS_KEY is not set"));
        return new AwsKeys(id, secret, env.get("AWS_SESSION_TOKEN"), Optional.empty());
    }
}
