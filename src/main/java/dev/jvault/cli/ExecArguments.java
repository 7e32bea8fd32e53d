package dev.jvault.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where jvault's options end and the command begins in {@code jvault exec [PROFILE] [OPTIONS]
 * [--] [COMMAND...]}: at {@code --}, or at the first word after the profile that is neither an
 * option of exec nor an option's value. Before the profile every word is jvault's, so a mistyped
 * option is named as one. A {@code --} is inserted there, so that
 * {@code jvault exec dev-1 aws s3 ls --region eu-west-1} gives {@code --region} to aws, not to jvault.
 */
final class ExecArguments {

    private ExecArguments() {
    }

    static String[] separate(String[] args, CommandSpec exec) {
        int start = indexOfExec(args, exec.root());
        if (start < 0) {
            return args;
        }
        List<String> out = new ArrayList<>(List.of(args).subList(0, start + 1));
        boolean profileSeen = false;
        for (int i = start + 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                out.addAll(List.of(args).subList(i, args.length));
                return out.toArray(String[]::new);
            }
            OptionSpec option = arg.startsWith("-") ? exec.findOption(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) : null;
            if (option != null) {
                out.add(arg);
                if (!arg.contains("=") && option.arity().max() > 0 && i + 1 < args.length) {
                    out.add(args[++i]);
                }
            } else if (!profileSeen) {
                // the profile, or before it an unknown option: jvault's to name, not the command's first word
                out.add(arg);
                profileSeen = !arg.startsWith("-");
            } else {
                out.add("--");
                out.addAll(List.of(args).subList(i, args.length));
                return out.toArray(String[]::new);
            }
        }
        return out.toArray(String[]::new);
    }

    /** The position of "exec" after the root's own options, or -1. */
    private static int indexOfExec(String[] args, CommandSpec root) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("exec")) {
                return i;
            }
            OptionSpec option = root.findOption(args[i]);
            if (option == null || !args[i].startsWith("-")) {
                return -1;
            }
            if (option.arity().max() > 0 && !args[i].contains("=")) {
                i++;
            }
        }
        return -1;
    }
}
