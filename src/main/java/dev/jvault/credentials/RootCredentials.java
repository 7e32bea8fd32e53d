package dev.jvault.credentials;

import dev.jvault.config.Environment;
import dev.jvault.config.RootSource;
import dev.jvault.config.Timeouts;
import dev.jvault.error.ExitStatus;
import dev.jvault.keys.AwsKeys;
import dev.jvault.sso.SsoRoleSource;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.ItemKey;
import dev.jvault.store.StoredItem;
import java.util.Optional;

/**
 * The credentials at the bottom of a chain: stored long-lived keys, a credential_process, the
 * environment's, or an IAM Identity Center role's.
 */
final class RootCredentials {

    private final CredentialStore store;
    private final Environment env;
    private final SsoRoleSource ssoRoles;

    RootCredentials(CredentialStore store, Environment env, SsoRoleSource ssoRoles) {
        this.store = store;
        this.env = env;
        this.ssoRoles = ssoRoles;
    }

    AwsKeys of(RootSource source) {
        return switch (source) {
            case RootSource.StoredKeys keys -> store.get(ItemKey.keys(keys.profile()))
                    .map(StoredItem.LongLivedKeys.class::cast)
                    .map(stored -> AwsKeys.longLived(stored.accessKeyId(), stored.secretAccessKey()))
                    .orElseThrow(() -> new KeySourceException(ExitStatus.NOT_FOUND, "no keys for profile "
                            + keys.profile() + " in " + store.describe() + ": store them with jvault add " + keys.profile()));
            case RootSource.CredentialSource kind when kind.kind().value().equals("Environment") -> fromEnvironment(env, kind);
            case RootSource.CredentialSource kind -> throw unsupported(kind.profile(), "credential_source "
                    + kind.kind().value() + " (" + kind.kind().origin() + ")", "run on the instance or container itself, without jvault");
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

    private static KeySourceException unsupported(String profile, String what, String instead) {
        return new KeySourceException(ExitStatus.DATA, "profile " + profile + " starts from " + what
                + ", which jvault does not drive: " + instead);
    }
}
