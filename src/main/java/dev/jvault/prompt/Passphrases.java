package dev.jvault.prompt;

import dev.jvault.config.Environment;
import dev.jvault.config.Timeouts;
import dev.jvault.error.ExitStatus;
import dev.jvault.process.HelperCommand;
import dev.jvault.store.file.PassphraseSource;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The vault passphrase from, in order: {@code JVAULT_FILE_PASSPHRASE}, the output of
 * {@code JVAULT_PASSPHRASE_COMMAND} (e.g. {@code pass show jvault}), or the terminal. A new
 * passphrase for {@code passwd} comes from {@code JVAULT_NEW_FILE_PASSPHRASE} or the terminal.
 */
public final class Passphrases implements PassphraseSource {

    private static final int TERMINAL_ATTEMPTS = 3;

    private final Environment env;
    private final Prompter prompter;

    public Passphrases(Environment env, Prompter prompter) {
        this.env = env;
        this.prompter = prompter;
    }

    @Override
    public char[] existing(String vaultName, int attempt) {
        return fromEnvironment().orElseGet(() -> {
            Prompter terminal = terminal("JVAULT_PASSPHRASE_COMMAND (or JVAULT_FILE_PASSPHRASE)");
            if (attempt > 1) {
                terminal.tell("Wrong passphrase; try again.");
            } else {
                nested().ifPresent(terminal::tell);
            }
            return terminal.secret("Passphrase for " + vaultName + ": ");
        });
    }

    @Override
    public int attempts() {
        return givenElsewhere().isPresent() ? 1 : TERMINAL_ATTEMPTS;
    }

    @Override
    public String origin() {
        return givenElsewhere().orElse("the terminal");
    }

    @Override
    public char[] create(String vaultName) {
        return fromEnvironment().orElseGet(() -> askTwice("New passphrase for " + vaultName + ": ",
                "JVAULT_PASSPHRASE_COMMAND (or JVAULT_FILE_PASSPHRASE)", passphrase -> false));
    }

    /** The passphrase of aws-vault's file store, from where aws-vault takes it: AWS_VAULT_FILE_PASSPHRASE, else the terminal. */
    public char[] awsVaultFileStore(String storeName) {
        Optional<String> given = env.get("AWS_VAULT_FILE_PASSPHRASE");
        if (given.isPresent()) {
            return given.get().toCharArray();
        }
        if (!prompter.available()) {
            throw new PromptException(storeName + " needs its passphrase and there is no terminal to ask on: set"
                    + " AWS_VAULT_FILE_PASSPHRASE");
        }
        return prompter.secret("Passphrase of " + storeName + ": ");
    }

    /** The variable the passphrase is taken from, when it is not asked on the terminal. */
    private Optional<String> givenElsewhere() {
        return env.sourced("JVAULT_FILE_PASSPHRASE").map(found -> found.origin().toString())
                .or(() -> env.get("JVAULT_PASSPHRASE_COMMAND").map(command -> "the output of $JVAULT_PASSPHRASE_COMMAND"));
    }

    @Override
    public char[] replacement(String vaultName, Predicate<char[]> isCurrent) {
        Optional<String> given = env.get("JVAULT_NEW_FILE_PASSPHRASE");
        if (given.isEmpty()) {
            return askTwice("New passphrase for " + vaultName + ": ", "JVAULT_NEW_FILE_PASSPHRASE", isCurrent);
        }
        char[] replacement = given.get().toCharArray();
        if (isCurrent.test(replacement)) {
            Arrays.fill(replacement, '\0');
            throw new PromptException(ExitStatus.DATA, "JVAULT_NEW_FILE_PASSPHRASE is the current passphrase: set it to"
                    + " another (nothing was changed)");
        }
        return replacement;
    }

    /**
     * Asks twice until both agree; a typed passphrase below {@link PassphraseStrength}'s bar is
     * taken, with a warning; one {@code refused} says is the current one is asked again at once.
     */
    private char[] askTwice(String prompt, String variable, Predicate<char[]> refused) {
        Prompter terminal = terminal(variable);
        for (int attempt = 0; attempt < TERMINAL_ATTEMPTS; attempt++) {
            char[] first = terminal.secret(prompt);
            if (first.length > 0 && refused.test(first)) {
                Arrays.fill(first, '\0');
                terminal.tell("That is the current passphrase: choose another.");
                continue;
            }
            char[] second = terminal.secret("The same passphrase again: ");
            boolean same = Arrays.equals(first, second);
            Arrays.fill(second, '\0');
            if (same && first.length > 0) {
                PassphraseStrength.warning(first).ifPresent(terminal::tell);
                return first;
            }
            Arrays.fill(first, '\0');
            terminal.tell(first.length == 0 && same ? "The passphrase cannot be empty." : "The two passphrases differ; again.");
        }
        throw new PromptException(ExitStatus.DATA, "no passphrase agreed on after " + TERMINAL_ATTEMPTS
                + " attempts: nothing was changed");
    }

    private Optional<char[]> fromEnvironment() {
        return env.get("JVAULT_FILE_PASSPHRASE").map(String::toCharArray)
                .or(() -> env.get("JVAULT_PASSPHRASE_COMMAND").map(this::run));
    }

    /** The terminal, or the error that names the variable to set instead. */
    private Prompter terminal(String variable) {
        if (!prompter.available()) {
            throw new PromptException("the vault file needs a passphrase and there is no terminal"
                    + " to ask on: set " + variable + nested().map(why -> " (" + why + ")").orElse(""));
        }
        return prompter;
    }

    /** Why a jvault inside {@code jvault exec} asks again: the outer one hands no passphrase to its command. */
    private Optional<String> nested() {
        return env.get("JVAULT").map(outer -> "inside jvault exec " + outer + ", which never hands the vault's passphrase"
                + " to its command; with the agent running nothing would be asked (docs/agent.md)");
    }

    /** Runs the command through sh; its stdout, less one trailing newline, is the passphrase. */
    private char[] run(String command) {
        HelperCommand.Finished finished = new HelperCommand("JVAULT_PASSPHRASE_COMMAND", Timeouts.helper(env),
                PromptException::new).runShell(command);
        byte[] output = finished.stdout();
        try {
            if (finished.status() != 0) {
                throw new PromptException("JVAULT_PASSPHRASE_COMMAND failed with exit status "
                        + finished.status() + ": check the command, or unset it to be asked on the terminal");
            }
            int length = output.length;
            if (length > 0 && output[length - 1] == '\n') {
                length--;
            }
            if (length == 0) {
                throw new PromptException(ExitStatus.DATA, "JVAULT_PASSPHRASE_COMMAND printed an empty passphrase, and a"
                        + " vault is never opened or made without one: check the command (nothing was changed)");
            }
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(output, 0, length));
            char[] passphrase = new char[chars.remaining()];
            chars.get(passphrase);
            Arrays.fill(chars.array(), '\0');
            return passphrase;
        } finally {
            Arrays.fill(output, (byte) 0);
        }
    }
}
