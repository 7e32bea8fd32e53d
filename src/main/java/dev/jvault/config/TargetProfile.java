package dev.jvault.config;

import java.util.Optional;

/** Which profile a command is about: the one named on the command line, else $AWS_PROFILE. */
public final class TargetProfile {

    private TargetProfile() {
    }

    public static Optional<Sourced<String>> choose(Optional<String> argument, Environment env) {
        return argument.map(name -> new Sourced<>(name, Origin.option("command line")))
                .or(() -> env.sourced("AWS_PROFILE"))
                .or(() -> env.sourced("AWS_DEFAULT_PROFILE"));
    }
}
