package dev.jvault.store.file;

import java.util.Arrays;

/**
 * What opens a vault without its passphrase: the salt and the master key Argon2id derived for
 * it with the given parameters. Held in memory only (this process, or the agent), never the
 * passphrase it came from.
 */
public record VaultKey(byte[] salt, byte[] master, KdfParameters kdf) {

    public VaultKey {
        salt = salt.clone();
        master = master.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] master() {
        return master.clone();
    }

    boolean opens(byte[] fileSalt, KdfParameters fileKdf) {
        return Arrays.equals(salt, fileSalt) && kdf.equals(fileKdf);
    }

    /** Zeroes the key bytes this record holds. */
    public void wipe() {
        Arrays.fill(master, (byte) 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VaultKey key && Arrays.equals(salt, key.salt) && Arrays.equals(master, key.master)
                && kdf.equals(key.kdf);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "VaultKey[" + kdf + "]";
    }
}
