package dev.jvault.cli;

import dev.jvault.error.ExitStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion",
        header = "Print a shell completion script for bash, zsh or fish.",
        footer = {"", "Examples:", "  eval \"$(jvault completion bash)\"", "  source <(jvault completion zsh)"}, mixinStandardHelpOptions = true,
        description = {
            "It completes commands, options and their values, your profile names, and after",
            "exec PROFILE -- the command's own completion.",
            "  bash:  eval \"$(jvault completion bash)\"                         in ~/.bashrc",
            "  zsh:   source <(jvault completion zsh)                          in ~/.zshrc",
            "  fish:  jvault completion fish > ~/.config/fish/completions/jvault.fish"})
final class CompletionCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.", completionCandidates = Candidates.Shells.class)
    String shell;

    @Override
    public Integer call() {
        out().print(CompletionScripts.script(shell, spec.root()));
        return ExitStatus.OK.code();
    }
}
