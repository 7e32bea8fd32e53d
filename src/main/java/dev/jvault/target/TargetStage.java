package dev.jvault.target;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.Environment;
import dev.jvault.config.Origin;
import dev.jvault.config.PlanOptions;
import dev.jvault.config.ProfileResolver;
import dev.jvault.config.ResolvedProfile;
import dev.jvault.config.SessionPlan;
import dev.jvault.config.SessionPlanner;
import dev.jvault.config.Sourced;
import dev.jvault.config.TargetProfile;
import dev.jvault.log.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * From a request, the config and the environment to a {@link Target}. It opens no store and
 * makes no AWS call (no picocli, no SDK, no key derivation, no D-Bus), so the launcher's fast
 * path can load it: the two questions only the user or the store can answer are handed in.
 */
public final class TargetStage {

    private final Environment env;
    private final AwsConfig config;
    private final Predicate<String> storedKeys;

    /** @param storedKeys whether the store holds long-lived keys for a profile (they start a chain there, as in aws-vault) */
    public TargetStage(Environment env, AwsConfig config, Predicate<String> storedKeys) {
        this.env = env;
        this.config = config;
        this.storedKeys = storedKeys;
    }

    /** @param pick asks the user for one of the config's profiles when neither the request nor $AWS_PROFILE names one */
    public Target target(TargetRequest request, Function<List<String>, String> pick) {
        Sourced<String> chosen = TargetProfile.choose(request.profile(), env)
                .orElseGet(() -> new Sourced<>(pick.apply(config.profileNames()), Origin.option("the picker")));
        if (Log.enabled()) { // the fast path runs this on every exec: no message built for nobody
            Log.debug("target profile " + chosen.value() + " (from " + chosen.origin() + ")");
        }
        String profile = chosen.value();
        List<String> warnings = new ArrayList<>();
        env.get("JVAULT").ifPresent(outer -> warnings.add("inside jvault exec " + outer + " already; " + profile
                + "'s credentials replace its own"));
        ResolvedProfile resolved = new ProfileResolver(config, env, storedKeys).resolve(profile, !TargetProfile.named(chosen));
        PlanOptions options = new PlanOptions(request.duration().map(d -> new Sourced<>(d, Origin.option("-d"))),
                request.noSession());
        SessionPlan plan = new SessionPlanner(env).plan(resolved, options);
        plan.notes().forEach(note -> Log.debug("note: " + note));
        return new Target(profile, resolved, plan, request.region().or(() -> resolved.region().map(Sourced::value)),
                warnings);
    }
}
