package dev.jvault.target;

import dev.jvault.config.RoleHop;
import dev.jvault.config.RootSource;
import dev.jvault.config.SessionPlan;
import dev.jvault.config.Sourced;
import dev.jvault.config.SsoRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Cache keys for sessions: a digest of everything that changes the credentials STS returns,
 * so a changed role, external id, tag or duration never reuses a stale session, while every
 * role behind the same root and MFA device shares one GetSessionToken session.
 */
public final class CacheKeys {

    private CacheKeys() {
    }

    static String session(String rootProfile, SessionPlan.SessionStep step) {
        return digest("GetSessionToken", rootProfile, step.mfaSerial().map(Sourced::value).orElse(""),
                Long.toString(step.duration().value().toSeconds()));
    }

    /** An IAM Identity Center role's credentials: the sign-in they come from, the account and the role. */
    static String signOn(SsoRole role) {
        return digest("GetRoleCredentials", role.session().cacheName(), role.session().startUrl().value(),
                role.session().portal().value().toString(), role.accountId().value(), role.roleName().value());
    }

    /**
     * A web identity's role: the role, the token file and the session name; not the token, which
     * the platform replaces while the session it bought is still good.
     */
    static String webIdentity(RootSource.WebIdentity web) {
        return digest("AssumeRoleWithWebIdentity", web.profile(), web.roleArn().value(), web.tokenFile().value(),
                text(web.sessionName()));
    }

    /** Chains onto the key of the credentials the role is assumed with. */
    static String role(String previousKey, SessionPlan.RoleStep step) {
        RoleHop hop = step.hop();
        return digest("AssumeRole", previousKey, hop.roleArn().value(), text(hop.externalId()), text(hop.sessionName()),
                text(hop.sourceIdentity()), hop.sessionTags().map(tags -> new java.util.TreeMap<>(tags.value()).toString()).orElse(""),
                hop.transitiveTags().map(keys -> keys.value().toString()).orElse(""),
                Long.toString(step.duration().value().toSeconds()), text(step.mfaSerial()));
    }

    /** The key the plan's final credentials are cached under. */
    public static String finalKey(SessionPlan plan) {
        return chain(plan).getLast();
    }

    /**
     * The key of each step of the plan, in order: the IAM Identity Center role, the web identity's
     * role or the MFA session if there is one, then each role.
     */
    public static List<String> chain(SessionPlan plan) {
        String rootProfile = plan.profile().source().profile();
        List<String> keys = new ArrayList<>();
        String previous = root(rootProfile);
        RootSource source = plan.profile().source();
        if (source instanceof RootSource.SingleSignOn sso) {
            previous = signOn(sso.role());
            keys.add(previous);
        } else if (source instanceof RootSource.WebIdentity web) {
            previous = webIdentity(web);
            keys.add(previous);
        } else if (source instanceof RootSource.TemporaryKeys temporary) {
            previous = digest("root", rootProfile, temporary.keys().accessKeyId()); // a new pair in the file: new sessions
        }
        if (plan.session().isPresent()) {
            previous = session(rootProfile, plan.session().get());
            keys.add(previous);
        }
        for (SessionPlan.RoleStep step : plan.roles()) {
            previous = role(previous, step);
            keys.add(previous);
        }
        return keys;
    }

    /** The root's own credentials, the start of every chain. */
    private static String root(String rootProfile) {
        return digest("root", rootProfile);
    }

    private static String text(Optional<? extends Sourced<?>> value) {
        return value.map(v -> String.valueOf(v.value())).orElse("");
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
