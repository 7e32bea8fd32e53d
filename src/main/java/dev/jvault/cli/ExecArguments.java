package dev.jvault.cli;

import dev.jvault.target.CommandWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where jvault's options end and the command begins in {@code jvault exec [PROFILE] [OPTIONS]
 * [--] [COMMAND...]}, as {@link CommandWords} splits it over exec's options from the picocli
 * model: the same split the fast path makes. A {@code --} is inserted there, so that
 * {@code jvault exec dev-1 aws s3 ls --region eu-west-1} gives {@code --region} to aws, not to jvault.
 */
final class ExecArguments {

    private ExecArguments() {
    }

    static String[] separate(String[] args, CommandSpec exec) {
        Optional<Split> split = split(List.of(args), exec);
        if (split.isEmpty() || split.get().words().command().isEmpty()) {
            return args;
        }
        List<String> out = new ArrayList<>(List.of(args).subList(0, split.get().execAt() + 1));
        out.addAll(split.get().words().jvaultWords());
        out.add("--");
        out.addAll(split.get().words().command());
        return out.toArray(String[]::new);
    }

    /** exec's words, when the command line is an exec (after the root's own options). */
    static Optional<Split> split(List<String> args, CommandSpec exec) {
        CommandWords root = CommandWords.scan(args, OptionTables.of(exec.root()), true);
        if (!root.operand().equals(Optional.of("exec"))) {
            return Optional.empty();
        }
        List<String> execWords = args.subList(root.operandAt() + 1, args.size());
        return Optional.of(new Split(root.operandAt(), CommandWords.scan(execWords, OptionTables.of(exec), true)));
    }

    /** @param execAt where "exec" is in the command line */
    record Split(int execAt, CommandWords words) {
    }
}
