package dev.jvault.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One IAM Identity Center sign-in: an {@code [sso-session NAME]} section, or the legacy
 * {@code sso_start_url} and {@code sso_region} on a profile ({@code name} empty). Its token is
 * shared by every profile that names it.
 *
 * @param scopes       what the client registers for; a legacy session registers none, and so gets
 *                     no refresh token (as the AWS CLI)
 * @param deviceCode   whether {@code sso_use_device_code} (or a legacy session) asks for the device flow
 * @param oidc         where sso-oidc calls go (registration, sign-in, tokens)
 * @param portal       where the portal's calls go (role credentials, accounts, logout)
 */
public record SsoSession(Optional<String> name, Sourced<String> startUrl, Sourced<String> region, List<String> scopes,
        boolean deviceCode, Sourced<URI> oidc, Sourced<URI> portal) {

    public SsoSession {
        scopes = List.copyOf(scopes);
    }

    /**
     * What the token is cached under, by the AWS CLI and by jvault: the session's name, or the
     * legacy start URL.
     */
    public String cacheName() {
        return name.orElse(startUrl.value());
    }

    /** The AWS CLI's cache file name without {@code .json}, and jvault's store key: SHA-1 of {@link #cacheName()}. */
    public String cacheDigest() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(cacheName().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    /** How messages name it: {@code sso-session corp}, or the legacy start URL. */
    public String label() {
        return name.map(n -> "sso-session " + n).orElse("start URL " + startUrl.value());
    }

    public boolean legacy() {
        return name.isEmpty();
    }
}
