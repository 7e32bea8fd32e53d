package dev.jvault.prompt;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.log.Log;
import java.util.List;

/**
 * Asks which profile, when none is named: with the prompter's own picker (JLine's, on a full
 * terminal), else as the seed script did, a numbered list answered with a number or a name.
 */
public final class ProfilePicker {

    private static final int ATTEMPTS = 3;

    private ProfilePicker() {
    }

    public static String pick(List<String> profiles, Prompter terminal) {
        if (profiles.isEmpty()) {
            throw new JvaultException(ExitStatus.USAGE, "name a profile: there are none in the AWS config to choose from"
                    + " (add one to ~/.aws/config)");
        }
        if (!terminal.available()) {
            if (profiles.contains("default")) {
                Log.debug("no profile named and no terminal to pick one on: using [default], as the AWS CLI does");
                return "default";
            }
            throw new JvaultException(ExitStatus.USAGE, "name a profile (or set AWS_PROFILE); profiles: "
                    + String.join(", ", profiles));
        }
        return terminal.choose("Choose a profile", profiles).orElseGet(() -> numbered(profiles, terminal));
    }

    private static String numbered(List<String> profiles, Prompter terminal) {
        terminal.tell("Choose a profile:");
        for (int i = 0; i < profiles.size(); i++) {
            terminal.tell(String.format("%3d) %s", i + 1, profiles.get(i)));
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String answer = terminal.line("Profile (number or name): ").strip();
            if (profiles.contains(answer)) {
                return answer;
            }
            if (answer.matches("\\d{1,4}") && Integer.parseInt(answer) >= 1 && Integer.parseInt(answer) <= profiles.size()) {
                return profiles.get(Integer.parseInt(answer) - 1);
            }
            terminal.tell("No profile '" + answer + "'.");
        }
        throw new JvaultException(ExitStatus.USAGE, "no profile chosen: name one (or set AWS_PROFILE)");
    }
}
