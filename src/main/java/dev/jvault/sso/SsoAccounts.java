package dev.jvault.sso;

import dev.jvault.config.SsoSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The accounts and roles a sign-in may use (ListAccounts, ListAccountRoles, every page), and
 * config sections for them, ready to paste: jvault never edits ~/.aws/config itself.
 */
public final class SsoAccounts {

    /** One role in one account. */
    public record Assignment(String accountId, String accountName, String roleName) {
    }

    private final SsoTokens tokens;

    public SsoAccounts(SsoTokens tokens) {
        this.tokens = tokens;
    }

    public List<Assignment> list(SsoSession session) {
        return tokens.withToken(session, accessToken -> list(session, accessToken));
    }

    private List<Assignment> list(SsoSession session, String accessToken) {
        SsoClient client = tokens.client(session);
        List<Assignment> assignments = new ArrayList<>();
        Optional<String> next = Optional.empty();
        do {
            SsoClient.Page<SsoClient.Account> page = client.accounts(accessToken, next);
            for (SsoClient.Account account : page.items()) {
                Optional<String> nextRoles = Optional.empty();
                do {
                    SsoClient.Page<String> roles = client.roles(accessToken, account.accountId(), nextRoles);
                    roles.items().forEach(role -> assignments.add(new Assignment(account.accountId(), account.accountName(),
                            role)));
                    nextRoles = roles.nextToken();
                } while (nextRoles.isPresent());
            }
            next = page.nextToken();
        } while (next.isPresent());
        return assignments;
    }

    /** A {@code [profile ...]} section per assignment, named account-role in lower case. */
    public static String configSections(SsoSession session, List<Assignment> assignments) {
        StringBuilder out = new StringBuilder();
        for (Assignment assignment : assignments) {
            String account = assignment.accountName().isBlank() ? assignment.accountId() : assignment.accountName();
            out.append("[profile ").append(profileName(account + "-" + assignment.roleName())).append("]\n");
            if (session.name().isPresent()) {
                out.append("sso_session = ").append(session.name().get()).append('\n');
            } else {
                out.append("sso_start_url = ").append(session.startUrl().value()).append('\n');
                out.append("sso_region = ").append(session.region().value()).append('\n');
            }
            out.append("sso_account_id = ").append(assignment.accountId()).append('\n');
            out.append("sso_role_name = ").append(assignment.roleName()).append("\n\n");
        }
        return out.toString();
    }

    /** Letters, digits, '-', '_' and '.', as profile names are safe to type and to store under. */
    private static String profileName(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-").replaceAll("^-+|-+$", "");
    }
}
