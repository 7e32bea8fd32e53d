package dev.jvault.sso;

import dev.jvault.config.SsoRole;
import dev.jvault.keys.AwsKeys;

/** A role's credentials from IAM Identity Center (GetRoleCredentials) with its session's token (see {@link SsoTokens#withToken}). */
public final class SsoRoles implements SsoRoleSource {

    private final SsoTokens tokens;

    public SsoRoles(SsoTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void ensureSignedIn(SsoRole role) {
        tokens.token(role.session());
    }

    @Override
    public AwsKeys credentials(SsoRole role) {
        return tokens.withToken(role.session(), accessToken -> tokens.client(role.session())
                .roleCredentials(accessToken, role.accountId().value(), role.roleName().value()));
    }
}
