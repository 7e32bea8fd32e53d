package dev.jvault.cli;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.SessionPlan;
import dev.jvault.config.Sourced;
import dev.jvault.config.Timeouts;
import dev.jvault.error.ExitStatus;
import dev.jvault.target.Target;
import dev.jvault.target.TargetRequest;
import dev.jvault.target.TargetStage;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "describe",
        header = "Show how a profile resolves, exactly as exec uses it; makes no AWS call.",
        footer = {"", "Examples:", "  jvault describe dev-1", "  jvault describe dev-1 --json"},
        description = {
            "The chain of profiles down to the one holding long-lived keys, each role, the",
            "MFA device, durations, region and STS endpoint, and the file:line or variable",
            "each value comes from."},
        mixinStandardHelpOptions = true)
final class DescribeCommand extends Subcommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "PROFILE",
            description = "Profile to describe (default: $AWS_PROFILE, else [default]).")
    String profile;

    @Option(names = "--json", description = "Print JSON for scripts instead of text.")
    boolean json;

    @Override
    public Integer call() {
        AwsConfig config = root.loadConfig();
        // describe reads the files only: where the store could change the chain, it says so.
        Set<String> unknown = new TreeSet<>();
        Target target = new TargetStage(root.env(), config, name -> {
            unknown.add(name);
            return false;
        }).target(TargetRequest.profile(Optional.ofNullable(profile)), names -> {
            if (names.contains("default")) {
                return "default"; // as the AWS CLI reads a command without a profile
            }
            throw usage("name a profile (or set AWS_PROFILE); profiles: " + String.join(", ", names));
        });
        SessionPlan plan = target.plan();
        Sourced<Duration> minimumTtl = Timeouts.minimumTtlSourced(root.env());
        out().print(json ? PlanView.json(plan, minimumTtl) : PlanView.text(plan, minimumTtl));
        if (!unknown.isEmpty()) {
            say("note: describe does not open the store; if it holds keys for "
                    + String.join(", ", unknown) + ", exec starts the chain from those keys (as aws-vault does)");
        }
        return ExitStatus.OK.code();
    }
}
