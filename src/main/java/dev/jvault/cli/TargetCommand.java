package dev.jvault.cli;

import dev.jvault.credentials.CredentialRequest;
import dev.jvault.credentials.CredentialService;
import dev.jvault.credentials.ProfileCredentials;
import dev.jvault.target.TargetRequest;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What the commands about one profile's credentials share: the options that shape its target and MFA, handed to the credential service. */
abstract class TargetCommand extends StoreCommand {

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION",
            description = "How long the credentials last: the role's, or the session's for a profile without one (e.g. 1h, 90m).")
    String duration;

    @Option(names = {"-t", "--mfa-token"}, paramLabel = "CODE", description = "The MFA code, instead of being asked.")
    String mfaToken;

    @Option(names = {"-n", "--no-session"},
            description = "No GetSessionToken: assume roles from the long-lived keys (a plain profile gets the keys themselves).")
    boolean noSession;

    @Option(names = "--region", paramLabel = "REGION", description = "The region to hand on (default: the profile's).")
    String region;

    @Option(names = "--prompt", paramLabel = "DRIVER", completionCandidates = Candidates.PromptDrivers.class,
            description = "How to ask for the MFA code: terminal (default, or $JVAULT_PROMPT), ykman, zenity, kdialog, osascript.")
    String prompt;

    /** The way to PROFILE's credentials (or $AWS_PROFILE's, or the one picked), through the one credential service. */
    ProfileCredentials credentialsFor(Optional<String> profile) {
        CredentialService service = new CredentialService(root.env(), root.loadConfig(), store().backend(), root.prompter(),
                this::tell);
        ProfileCredentials credentials = service.resolve(new CredentialRequest(new TargetRequest(profile,
                Optional.ofNullable(duration), noSession, Optional.ofNullable(region)), Optional.ofNullable(mfaToken),
                Optional.ofNullable(prompt)));
        credentials.warnings().forEach(warning -> say(String.valueOf(warning)));
        if (handsOnCredentials() && credentials.plan().handsOnLongLivedKeys()) {
            say("warning: --no-session on a profile without a role hands on the long-lived keys of "
                    + credentials.profile() + " themselves, not short-lived ones");
        }
        return credentials;
    }

    /** Whether the command gives the credentials to something else (a command, the shell, the console); rotate does not. */
    boolean handsOnCredentials() {
        return true;
    }
}
