package dev.jvault.store.file;

/** Where the vault's passphrase comes from: the environment, a command, or the terminal. */
public interface PassphraseSource {

    /** The passphrase of an existing vault. */
    char[] existing(String vaultName);

    /** A passphrase for a new vault (asked twice on a terminal). */
    char[] create(String vaultName);

    /** The new passphrase when changing it (asked twice on a terminal). */
    char[] replacement(String vaultName);
}
