package dev.jvault.console;

import dev.jvault.config.Durations;
import dev.jvault.config.Environment;
import dev.jvault.config.Origin;
import dev.jvault.config.RootSource;
import dev.jvault.config.SessionPlan;
import dev.jvault.config.SessionPlanner;
import dev.jvault.config.Sourced;
import dev.jvault.credentials.ProfileCredentials;
import dev.jvault.keys.AwsKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jvault login}: the console URL for a profile, from the same credentials exec gets. A
 * role profile signs in with the role's session; a profile without a role with a federation
 * token from its long-lived keys, whose policy allows what the user's own policies allow (the
 * session can do no more than both), as aws-vault does.
 */
public final class ConsoleLogin {

    /** Intersected with the user's own policies by STS: the federated session gets what the user has. */
    static final String FEDERATION_POLICY =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    /** The longest console session AWS grants, and the longest for a role assumed from temporary credentials. */
    static final Duration CONSOLE_MAX = Duration.ofHours(12);
    static final Duration CHAINED_CONSOLE_MAX = Duration.ofHours(1);
    /** GetFederationToken's limits: 15 minutes to 36 hours. */
    private static final Duration FEDERATION_MIN = Duration.ofMinutes(15);
    private static final Duration FEDERATION_MAX = Duration.ofHours(36);

    private final Environment env;
    private final Clock clock;

    public ConsoleLogin(Environment env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /** The sign-in URL, and notes for the user (a capped session, what a federated session lacks). */
    public record Login(URI url, List<String> notes) {
    }

    public Login login(ProfileCredentials credentials, Optional<String> path) {
        SessionPlan plan = credentials.plan();
        List<String> notes = new ArrayList<>(plan.notes()); // a capped duration is worth saying here
        AwsKeys session;
        Optional<Duration> sessionDuration;
        // An IAM Identity Center role's credentials are a role session already: they sign in as they are.
        boolean roleSession = !plan.roles().isEmpty() || plan.profile().source() instanceof RootSource.SingleSignOn;
        if (!roleSession) {
            session = credentials.federated(FEDERATION_POLICY, federationDuration(plan));
            sessionDuration = Optional.empty(); // the endpoint takes none with a federation token
            notes.add("profile " + credentials.profile() + " has no role: the console session is a federation token"
                    + " from its long-lived keys, with what the user's own policies allow, but no MFA and no IAM or STS calls");
        } else {
            session = credentials.current();
            sessionDuration = Optional.of(consoleDuration(plan, session, notes));
        }
        Optional<String> roleArn = plan.roles().isEmpty() ? Optional.empty()
                : Optional.of(plan.roles().getLast().hop().roleArn().value());
        Partition partition = Partition.of(roleArn, credentials.region());
        Sourced<URI> federation = env.endpoint("JVAULT_SIGNIN_ENDPOINT").orElse(new Sourced<>(partition.federation(), Origin.builtIn("the " + partition.id() + " partition")));
        URI url = new ConsoleSignIn(federation.value(), federation.origin().toString())
                .loginUrl(session, sessionDuration, partition.destination(credentials.region(), path));
        return new Login(url, notes);
    }

    /**
     * As long as the session exec would make: {@code -d} and {@code JVAULT_SESSION_TTL} count for
     * the federation token too; else aws-vault's {@code AWS_FEDERATION_TOKEN_TTL}, which is meant
     * for it, wins over aws-vault's session variable and the default.
     */
    private Duration federationDuration(SessionPlan plan) {
        Optional<Sourced<Duration>> planned = plan.session().map(SessionPlan.SessionStep::duration);
        Set<Origin> jvaultChoices = Set.of(Origin.option("-d"), Origin.env("JVAULT_SESSION_TTL"));
        return planned.filter(duration -> jvaultChoices.contains(duration.origin()))
                .or(() -> env.sourced("AWS_FEDERATION_TOKEN_TTL").map(text -> new Sourced<>(Durations.parseWithin(text,
                        FEDERATION_MIN, FEDERATION_MAX, "a federation token duration"), text.origin())))
                .or(() -> planned)
                .map(Sourced::value)
                .orElse(SessionPlanner.DEFAULT_SESSION_TTL);
    }

    /** As long as the role's credentials last, within what the console grants (1 h for a chained role). */
    private Duration consoleDuration(SessionPlan plan, AwsKeys session, List<String> notes) {
        boolean chained = plan.session().isPresent() || plan.roles().size() > 1
                || !(plan.profile().source() instanceof RootSource.StoredKeys);
        Duration max = chained ? CHAINED_CONSOLE_MAX : CONSOLE_MAX;
        Duration left = session.expiration().map(expiry -> Duration.between(clock.instant(), expiry)).orElse(max);
        if (left.compareTo(max) > 0) {
            notes.add("the console grants at most " + (chained ? "1h to a role assumed from temporary credentials"
                    : "12h") + ": the console session is capped at that");
            return max;
        }
        return left.withNanos(0);
    }
}
