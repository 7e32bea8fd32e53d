package dev.jvault.error;

/**
 * jvault's exit statuses, after sysexits.h: the one list that {@code --help}, docs/commands.md
 * and the code share. {@code exec} follows env(1) instead: the command's own status, and
 * {@link #EXEC_FAILED} for any failure of jvault itself, but {@link #INTERRUPTED} for Ctrl-C.
 */
public enum ExitStatus {
    OK(0, "done"),
    DECLINED(1, "you answered no, or denied or left a sign-in: nothing changed"),
    USAGE(2, "the command line is wrong (unknown command or option, no profile given)"),
    DATA(65, "keys or a passphrase of the wrong shape, or a damaged or tampered vault"),
    NOT_FOUND(66, "no such profile, or nothing stored under that name"),
    UNAVAILABLE(69, "the keychain does not answer, or there is no terminal to ask on or sign in from"),
    INTERNAL(70, "an internal error (a bug): run again with --debug and report it"),
    IO(74, "reading or writing a file failed"),
    BUSY(75, "another jvault held a lock for too long: try again"),
    STS(76, "STS or IAM Identity Center refused or could not be reached"),
    PERMISSION(77, "wrong passphrase, or a file others could read or another user owns"),
    CONFIG(78, "the AWS config or credentials file (or the environment) is wrong"),
    EXEC_FAILED(125, "exec: jvault itself failed before running the command"),
    INTERRUPTED(130, "interrupted at a prompt (Ctrl-C): nothing changed");

    private final int code;
    private final String meaning;

    ExitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
