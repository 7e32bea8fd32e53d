package dev.jvault.credentials;

import dev.jvault.config.SessionPlan;
import dev.jvault.config.Sourced;
import dev.jvault.keys.AwsKeys;
import dev.jvault.prompt.MfaCodes;
import dev.jvault.target.Target;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One profile's way to credentials, resolved and planned: asked once by exec and export, and
 * again before each expiry by a credential server. Each call asks for MFA codes anew (a code
 * can be used only once); a code given with {@code -t} serves the first call only.
 */
public final class ProfileCredentials {

    private final Target target;
    private final CredentialBroker broker;
    private final Function<Boolean, MfaCodes> mfaCodes;
    private final boolean codesFromTerminal;
    private boolean asked;

    ProfileCredentials(Target target, CredentialBroker broker, Function<Boolean, MfaCodes> mfaCodes,
            boolean codesFromTerminal) {
        this.target = target;
        this.broker = broker;
        this.mfaCodes = mfaCodes;
        this.codesFromTerminal = codesFromTerminal;
    }

    public Target target() {
        return target;
    }

    public String profile() {
        return target.profile();
    }

    /** The region the command gets: {@code --region}, else the profile's. */
    public Optional<String> region() {
        return target.region();
    }

    public SessionPlan plan() {
        return target.plan();
    }

    /** Whether a new session needs an MFA code, from which device (for saying how the prompt will reach the user). */
    public Optional<String> mfaDevice() {
        return plan().session().flatMap(SessionPlan.SessionStep::mfaSerial)
                .or(() -> plan().roles().stream().flatMap(role -> role.mfaSerial().stream()).findFirst())
                .map(Sourced::value);
    }

    /** Whether a new MFA code, when one is needed, is asked on the terminal (no mfa_process, prompt driver terminal). */
    public boolean asksCodesOnTerminal() {
        return codesFromTerminal && mfaDevice().isPresent();
    }

    /** Notes for the user's terminal, e.g. that long-lived keys are handed on. */
    public List<String> warnings() {
        return target.warnings();
    }

    /** The least time cached credentials must have left to be used; a server renews at that margin. */
    public Duration minimumTtl() {
        return broker.minimumTtl();
    }

    /** A console session for a profile without a role: a federation token from its long-lived keys, with {@code policy}. */
    public AwsKeys federated(String policy, Duration duration) {
        return broker.federationToken(plan(), policy, duration);
    }

    /** What IAM calls on the root's own keys are signed with: its MFA session, or the keys (see the broker). */
    public synchronized AwsKeys keyManagement() {
        MfaCodes codes = mfaCodes.apply(!asked);
        asked = true;
        return broker.keyManagement(plan(), codes::code);
    }

    /** Credentials with more than {@link #minimumTtl()} left: cached, or made now. */
    public synchronized AwsKeys current() {
        MfaCodes codes = mfaCodes.apply(!asked);
        asked = true;
        return broker.credentials(plan(), codes::code);
    }
}
