package dev.jvault.cli;

import dev.jvault.config.AwsConfig;
import dev.jvault.config.Sourced;
import dev.jvault.config.TargetProfile;
import dev.jvault.credentials.ExportFormat;
import dev.jvault.credentials.ProfileCredentials;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.keys.AwsKeys;
import dev.jvault.text.Timestamps;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export",
        header = "Print short-lived credentials for PROFILE, for tools that exec cannot wrap.",
        footer = {"", "Examples:", "  eval \"$(jvault export dev-1 --format export-env)\"", "  jvault export --format json dev-1        # a credential_process", "  jvault export dev-1 --write              # into ~/.aws/credentials"}, mixinStandardHelpOptions = true,
        description = {
            "Formats:",
            "  --format env          KEY=value lines",
            "  --format export-env   for eval \"$(jvault export dev-1 --format export-env)\"",
            "  --format json         the credential_process format, e.g. in ~/.aws/config:",
            "                        credential_process = jvault export --format json dev-1",
            "  --format ini          a credentials-file section",
            "Same profiles, MFA, cache and errors as exec. Only the credentials go to stdout.",
            "--write puts them into ~/.aws/credentials as [jvault-PROFILE] (clear text, until",
            "they expire), marked as jvault's; --remove-written takes them out again.",
            "Sections jvault did not write are never replaced or removed."})
final class ExportCommand extends TargetCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "PROFILE",
            description = "Default: $AWS_PROFILE, else you pick one (without a terminal: [default]).")
    String profile;

    @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = Candidates.Formats.class, description = "env (default), export-env, json or ini.")
    String format = "env";

    @Option(names = "--write", description = "Write the credentials into the credentials file instead of printing them.")
    boolean write;

    @Option(names = "--section", paramLabel = "NAME", description = "The section --write and --remove-written use (default jvault-PROFILE).")
    String section;

    @Option(names = "--remove-written", description = "Remove the section --write wrote, and nothing else.")
    boolean removeWritten;

    @Override
    public Integer call() {
        ExportFormat chosen = parseFormat();
        if (write && removeWritten) {
            throw usage("choose one of --write and --remove-written");
        }
        if ((write || removeWritten) && chosen != ExportFormat.INI && !format.equals("env")) {
            throw usage("--write writes a credentials-file section: use it with --format ini (or no --format)");
        }
        AwsConfig config = root.loadConfig();
        if (removeWritten) {
            String name = sectionName(Optional.ofNullable(profile).or(() -> TargetProfile.choose(Optional.empty(), root.env())
                    .map(Sourced::value)).orElseThrow(() -> usage("name the profile whose section to remove")));
            boolean removed = selection().credentialsFile(config.credentialsPath()).removeSection(name);
            say((removed ? "removed [" + name + "] from "
                    : "nothing to remove: there is no [" + name + "] in ") + config.credentialsFile());
            return ExitStatus.OK.code();
        }
        ProfileCredentials target = credentialsFor(Optional.ofNullable(profile));
        AwsKeys credentials = target.current();
        if (!write) {
            out().print(chosen.render(target.profile(), credentials, target.region()));
            return ExitStatus.OK.code();
        }
        if (credentials.sessionToken().isEmpty()) {
            throw new JvaultException(ExitStatus.DATA, "--write puts only short-lived credentials on disk,"
                    + " and these are the long-lived keys (--no-session on a profile without a role): drop --no-session");
        }
        String name = sectionName(target.profile());
        selection().credentialsFile(config.credentialsPath()).writeSection(name, ExportFormat.iniLines(credentials));
        say("wrote " + target.profile() + "'s short-lived keys to "
                + config.credentialsFile() + " as [" + name + "]: they lie there in clear text until they expire at "
                + credentials.expiration().map(Timestamps::iso8601).orElse("?")
                + "; jvault export " + target.profile() + " --remove-written takes them out");
        return ExitStatus.OK.code();
    }

    private String sectionName(String profileName) {
        return Optional.ofNullable(section).orElse(ExportFormat.defaultSection(profileName));
    }

    private ExportFormat parseFormat() {
        return ExportFormat.named(format)
                .orElseThrow(() -> usage("--format is env, export-env, json or ini, not '" + format + "'"));
    }
}
