package dev.jvault.config;

import java.util.Optional;

/** Which profile a command is about: the one named on the command line, else $AWS_PROFILE. */
public final class TargetProfile {

    private TargetProfile() {
    }

    private static final Origin COMMAND_LINE = Origin.option("command line");

    public static Optional<Sourced<String>> choose(Optional<String> argument, Environment env) {
        return argument.map(name -> new Sourced<>(name, COMMAND_LINE))
                .or(() -> env.sourced("AWS_PROFILE"))
                .or(() -> env.sourced("AWS_DEFAULT_PROFILE"));
    }

    /** Whether the user named the profile on the command line, as with the AWS CLI's {@code --profile}. */
    public static boolean named(Sourced<String> chosen) {
        return chosen.origin().equals(COMMAND_LINE);
    }
}
