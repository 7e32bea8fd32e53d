package dev.jvault.sso;

import dev.jvault.config.SsoRole;
import dev.jvault.keys.AwsKeys;

/** IAM Identity Center roles, as the credential broker asks for them (see {@link SsoRoles}). */
public interface SsoRoleSource {

    /**
     * Makes sure the role's sign-in has a token, signing in if it must. The broker calls it
     * before it takes the root's lock: a sign-in can take minutes, and the jvaults that wait for
     * it should wait on the sign-in's own lock, which says so.
     */
    void ensureSignedIn(SsoRole role);

    AwsKeys credentials(SsoRole role);
}
