package dev.jvault.sso;

import dev.jvault.config.SsoRole;
import dev.jvault.config.SsoSession;
import dev.jvault.keys.AwsKeys;
import java.util.function.Function;

/** A role's credentials from IAM Identity Center (GetRoleCredentials) with its session's token (see {@link SsoTokens#withToken}). */
public final class SsoRoles implements SsoRoleSource {

    private final SsoTokens tokens;
    private final Function<SsoSession, SsoClient> clients;

    public SsoRoles(SsoTokens tokens, Function<SsoSession, SsoClient> clients) {
        this.tokens = tokens;
        this.clients = clients;
    }

    @Override
    public void ensureSignedIn(SsoRole role) {
        tokens.token(role.session());
    }

    @Override
    public AwsKeys credentials(SsoRole role) {
        return tokens.withToken(role.session(), accessToken -> clients.apply(role.session())
                .roleCredentials(accessToken, role.accountId().value(), role.roleName().value()));
    }
}
