package dev.jvault.sso;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.ConfigException;
import dev.jvault.config.Environment;
import dev.jvault.config.ProfileResolver;
import dev.jvault.config.RootSource;
import dev.jvault.config.SsoSession;
import dev.jvault.error.JvaultException;
import dev.jvault.log.Log;
import dev.jvault.store.CredentialStore;
import dev.jvault.store.ItemInfo;
import dev.jvault.store.ItemKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code jvault sso logout}: the portal's Logout, then the token gone from jvault's store and
 * the AWS CLI's cache, and the role credentials made with it gone from the store (and so from
 * the agent), as {@code aws sso logout} drops the CLI's.
 */
public final class SsoSignOut {

    private final AwsConfig config;
    private final Environment env;
    private final CredentialStore store;
    private final SsoTokens tokens;

    public SsoSignOut(AwsConfig config, Environment env, CredentialStore store, SsoTokens tokens) {
        this.config = config;
        this.env = env;
        this.store = store;
        this.tokens = tokens;
    }

    /** Every sign-in the config names: its [sso-session] sections and legacy profiles, by cache name. */
    public Map<String, SsoSession> configuredSessions() {
        ProfileResolver resolver = new ProfileResolver(config, env, name -> false);
        Map<String, SsoSession> sessions = new LinkedHashMap<>();
        config.ssoSessions().keySet().stream().sorted().forEach(name -> {
            SsoSession session = resolver.ssoSessionNamed(name);
            sessions.put(session.cacheName(), session);
        });
        for (String profile : config.profileNames()) {
            if (config.profile(profile).flatMap(p -> p.value("sso_start_url")).isPresent()) {
                try {
                    SsoSession session = resolver.ssoSession(profile);
                    sessions.putIfAbsent(session.cacheName(), session);
                } catch (ConfigException e) {
                    Log.debug("skipping profile " + profile + ": " + e.getMessage());
                }
            }
        }
        return sessions;
    }

    /** Signs out of one session; the number of items removed (token and role credentials). */
    public int logout(SsoSession session) {
        int removed = tokens.logout(session) ? 1 : 0;
        Set<String> roots = rootsSignedInWith(session);
        return removed + store.edit(editor -> {
            int count = 0;
            for (ItemInfo info : editor.list()) {
                if (info.key().kind() == ItemKey.Kind.SESSION && roots.contains(info.key().profile())) {
                    count += editor.remove(info.key()) ? 1 : 0;
                }
            }
            return count;
        });
    }

    /** {@code logout --all}: the tokens of sign-ins the config no longer names; how many were removed. */
    public int removeOtherTokens() {
        return store.edit(editor -> {
            int count = 0;
            for (ItemInfo info : editor.list()) {
                if (info.key().kind() == ItemKey.Kind.SSO_TOKEN) {
                    count += editor.remove(info.key()) ? 1 : 0;
                }
            }
            return count;
        });
    }

    /** The profiles whose role credentials come from this sign-in (they are the roots their sessions are kept under). */
    private Set<String> rootsSignedInWith(SsoSession session) {
        ProfileResolver resolver = new ProfileResolver(config, env, name -> false);
        return config.profileNames().stream().filter(name -> {
            try {
                return resolver.resolve(name).source() instanceof RootSource.SingleSignOn sso
                        && sso.role().session().cacheDigest().equals(session.cacheDigest());
            } catch (JvaultException e) {
                return false; // a broken profile elsewhere does not stop the logout
            }
        }).collect(Collectors.toSet());
    }
}
