package dev.jvault.cli;

import dev.jvault.config.RootSource;
import dev.jvault.config.Timeouts;
import dev.jvault.credentials.ProfileCredentials;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.files.PrivateFiles;
import dev.jvault.keys.AwsKeys;
import dev.jvault.log.Log;
import dev.jvault.rotate.IamGateway;
import dev.jvault.rotate.KeyRotation;
import dev.jvault.rotate.SdkIamGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rotate",
        header = "Replace the long-lived keys behind PROFILE with new ones, and delete the old ones in IAM.",
        footer = {"", "Examples:", "  jvault rotate main", "  jvault rotate dev-1 -t 123456     # IAM calls with dev-1's MFA session"}, mixinStandardHelpOptions = true,
        description = {
            "IAM makes a new access key, jvault stores it, waits until it works, then deletes",
            "the old key in IAM and drops the sessions made from it. The IAM calls use the",
            "profile's MFA session when it has an mfa_serial (unless -n). Cut short anywhere,",
            "the next jvault rotate finishes the job: a working key is always stored."})
final class RotateCommand extends TargetCommand implements Callable<Integer> {

    /** How long a new key may take to work everywhere (IAM is eventually consistent). */
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(2);

    @Parameters(arity = "0..1", paramLabel = "PROFILE",
            description = "A profile whose chain starts from stored keys (default: $AWS_PROFILE, else you pick one).")
    String profile;

    @Override
    boolean handsOnCredentials() {
        return false; // -n only keeps the IAM calls off an MFA session
    }

    @Override
    public Integer call() {
        ProfileCredentials target = credentialsFor(Optional.ofNullable(profile));
        if (!(target.plan().profile().source() instanceof RootSource.StoredKeys keys)) {
            throw new JvaultException(ExitStatus.USAGE, "profile " + target.profile() + " does not start from stored"
                    + " long-lived keys: there is nothing of jvault's to rotate");
        }
        KeyRotation.Result result;
        try (IamGateway iam = new SdkIamGateway(target.plan().profile(), root.env(), Timeouts.sts(root.env()))) {
            result = new KeyRotation(store(), iam, KeyRotation.markers(root.env().home()),
                    new PrivateFiles(root.env()::display), Clock.systemUTC(), SETTLE_WITHIN, RotateCommand::sleep,
                    step -> Log.debug("rotate " + keys.profile() + ": " + step)).rotate(keys.profile(), target::keyManagement);
        }
        result.notes().forEach(note -> say("note: " + note));
        show("Rotated the keys of " + keys.profile() + ": " + AwsKeys.masked(result.newKeyId()) + " stored, "
                + AwsKeys.masked(result.oldKeyId()) + " deleted in IAM"
                + (result.droppedSessions() > 0 ? "; dropped " + result.droppedSessions() + " cached session(s)" : "") + ".");
        return ExitStatus.OK.code();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JvaultException(ExitStatus.INTERNAL, "interrupted while waiting for the new key");
        }
    }
}
