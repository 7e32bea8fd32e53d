package dev.jvault.store.file;

import java.util.function.Predicate;

/** Where the vault's passphrase comes from: the environment, a command, or the terminal. */
public interface PassphraseSource {

    /** The passphrase of an existing vault; {@code attempt} counts from 1, and a later one follows a wrong one. */
    char[] existing(String vaultName, int attempt);

    /** How many passphrases {@link #existing} may give when they are wrong: a person at a terminal gets three tries. */
    default int attempts() {
        return 1;
    }

    /** Where {@link #existing} takes the passphrase from, as the user knows it, for the error when it is wrong. */
    default String origin() {
        return "the passphrase given";
    }

    /** A passphrase for a new vault (asked twice on a terminal). */
    char[] create(String vaultName);

    /**
     * The new passphrase when changing it (asked twice on a terminal): never one that
     * {@code isCurrent} says is the current one, which a person is asked to replace.
     */
    char[] replacement(String vaultName, Predicate<char[]> isCurrent);
}
