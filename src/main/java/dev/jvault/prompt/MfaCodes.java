package dev.jvault.prompt;

import dev.jvault.config.Environment;
import dev.jvault.config.Sourced;
import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.process.HelperCommand;
import dev.jvault.text.Suggestions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MFA code, from the first source that has one: {@code --mfa-token}, the profile's
 * {@code mfa_process}, then the prompt driver ({@code --prompt} / {@code JVAULT_PROMPT}): the
 * terminal, ykman, or a desktop dialog (zenity, kdialog, osascript). A code that is not six
 * digits is refused before any STS call; the terminal asks again. Each device is asked once
 * per run; {@code --mfa-token} answers for the first device asked (one code fits one device).
 */
public final class MfaCodes {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    /** The names --prompt and JVAULT_PROMPT take. */
    public static final List<String> DRIVERS = List.of("terminal", "ykman", "zenity", "kdialog", "osascript");
    private static final int TERMINAL_ATTEMPTS = 3;

    private final Optional<String> option;
    private final Optional<Sourced<String>> mfaProcess;
    private final String driver;
    private final Prompter terminal;
    private final Duration helperTimeout;
    private final Map<String, String> asked = new HashMap<>();

    /** @param helperTimeout how long mfa_process, ykman or a dialog may take */
    public MfaCodes(Optional<String> option, Optional<Sourced<String>> mfaProcess, String driver, Prompter terminal,
            Duration helperTimeout) {
        this.option = option;
        this.mfaProcess = mfaProcess;
        this.driver = driver;
        this.terminal = terminal;
        this.helperTimeout = helperTimeout;
    }

    /**
     * A code as people type it, grouped as authenticator apps show it ({@code 123 456}), made
     * plain; one that is not 6 digits is refused with {@code status}, before anything is sent.
     */
    public static String validCode(String code, String from, ExitStatus status) {
        String plain = code.replaceAll("\\s", "");
        if (!SIX_DIGITS.matcher(plain).matches()) {
            throw new JvaultException(status, from + " gave an MFA code that is not 6 digits (" + plain.length()
                    + " characters): nothing was sent to AWS");
        }
        return plain;
    }

    /**
     * How MFA codes are asked for: {@code --prompt}'s driver (unknown: a usage error), else
     * $JVAULT_PROMPT's (unknown: a config error), else the terminal.
     */
    public static String driver(Optional<String> option, Environment env) {
        return option.map(name -> validDriver(name, "--prompt", ExitStatus.USAGE))
                .or(() -> env.sourced("JVAULT_PROMPT").map(name -> validDriver(name.value(), name.origin().toString(),
                        ExitStatus.CONFIG)))
                .orElse("terminal");
    }

    /** A prompt driver's name, or the error (with {@code status}) that names the ones there are. */
    private static String validDriver(String name, String from, ExitStatus status) {
        if (!DRIVERS.contains(name)) {
            throw new JvaultException(status, "unknown prompt driver '" + name + "' (" + from + "): it is one of "
                    + String.join(", ", DRIVERS) + Suggestions.didYouMean(name, DRIVERS).orElse(""));
        }
        return name;
    }

    /** The code for the device; each device is asked once per instance. */
    public String code(String serial) {
        return asked.computeIfAbsent(serial, this::ask);
    }

    private String ask(String serial) {
        if (option.isPresent() && asked.isEmpty()) { // a code fits one device: a second device is asked as if there were none
            return checked(option.get(), "--mfa-token");
        }
        if (mfaProcess.isPresent()) {
            return checked(run(List.of("sh", "-c", mfaProcess.get().value()), "mfa_process (" + mfaProcess.get().origin() + ")"),
                    "mfa_process");
        }
        String question = "Enter MFA code for " + serial + ": ";
        return switch (driver) {
            case "terminal" -> fromTerminal(question, serial);
            case "ykman" -> checked(run(List.of("ykman", "oath", "accounts", "code", "--single", serial), "ykman"), "ykman");
            case "zenity" -> checked(run(List.of("zenity", "--entry", "--title", "jvault", "--text", question), "zenity"), "zenity");
            case "kdialog" -> checked(run(List.of("kdialog", "--title", "jvault", "--inputbox", question), "kdialog"), "kdialog");
            case "osascript" -> checked(run(List.of("osascript", "-e", "text returned of (display dialog \"" + question
                    + "\" default answer \"\" with title \"jvault\" with hidden answer)"), "osascript"), "osascript");
            default -> throw new PromptException("unknown prompt driver '" + driver + "'"); // checked before: validDriver
        };
    }

    private String fromTerminal(String question, String serial) {
        if (!terminal.available()) {
            throw new PromptException("no terminal to ask for the MFA code for " + serial + ": pass --mfa-token, set"
                    + " mfa_process in the profile, or use --prompt ykman|zenity|kdialog|osascript");
        }
        for (int attempt = 0; attempt < TERMINAL_ATTEMPTS; attempt++) {
            String code = terminal.line(question).replaceAll("\\s", "");
            if (SIX_DIGITS.matcher(code).matches()) {
                return code;
            }
            terminal.tell("An MFA code is 6 digits.");
        }
        throw new PromptException("no 6-digit MFA code after " + TERMINAL_ATTEMPTS + " attempts: nothing was sent to AWS");
    }

    private static String checked(String code, String from) {
        return validCode(code, from, ExitStatus.UNAVAILABLE);
    }

    /** Runs a helper with the terminal and stderr passed through; its stdout is the answer. */
    private String run(List<String> command, String name) {
        HelperCommand.Finished finished = new HelperCommand(name, helperTimeout, PromptException::new).run(command);
        if (finished.status() != 0) {
            throw new PromptException(name + " exited with status " + finished.status() + " without an MFA code");
        }
        return new String(finished.stdout(), StandardCharsets.UTF_8);
    }
}
