package dev.jvault.config;

/** A profile's IAM Identity Center role: {@code sso_account_id} and {@code sso_role_name} in a session. */
public record SsoRole(SsoSession session, Sourced<String> accountId, Sourced<String> roleName) {
}
