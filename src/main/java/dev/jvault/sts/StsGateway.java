package dev.jvault.sts;

import dev.jvault.config.RoleHop;
import dev.jvault.store.SessionCredentials;
import java.time.Duration;
import java.util.Optional;

/** The STS calls jvault makes, signed with the given credentials. */
public interface StsGateway extends AutoCloseable {

    /** An MFA device and the code it shows now. */
    record Mfa(String serial, String code) {
        @Override
        public String toString() {
            return "Mfa[" + serial + "]";
        }
    }

    SessionCredentials getSessionToken(IssuedCredentials from, Duration duration, Optional<Mfa> mfa);

    SessionCredentials assumeRole(IssuedCredentials from, RoleHop role, String sessionName, Duration duration,
            Optional<Mfa> mfa);

    /** A federated user's session, for the console: from long-lived keys only, with no MFA (STS allows none). */
    SessionCredentials getFederationToken(IssuedCredentials from, String name, String policy, Duration duration);

    /** Frees what the gateway holds (an HTTP client); it is used for one chain. */
    @Override
    default void close() {
    }
}
