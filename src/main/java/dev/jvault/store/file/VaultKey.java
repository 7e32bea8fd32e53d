package dev.jvault.store.file;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * What opens a vault without its passphrase: the salt and the master key Argon2id derived for
 * it with the given parameters. Held in memory only (this process, or the agent), never the
 * passphrase it came from. The master key lives outside the Java heap, where no garbage
 * collector moves it and leaves copies behind, until {@link #wipe} zeroes it; {@link #master}
 * hands out copies that the caller zeroes once used.
 */
public final class VaultKey {

    private final byte[] salt;
    private final MemorySegment master;
    private final KdfParameters kdf;

    public VaultKey(byte[] salt, byte[] master, KdfParameters kdf) {
        this.salt = salt.clone();
        this.master = Arena.ofAuto().allocate(master.length);
        MemorySegment.copy(master, 0, this.master, ValueLayout.JAVA_BYTE, 0, master.length);
        this.kdf = kdf;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] master() {
        return master.toArray(ValueLayout.JAVA_BYTE);
    }

    public KdfParameters kdf() {
        return kdf;
    }

    boolean opens(byte[] fileSalt, KdfParameters fileKdf) {
        return Arrays.equals(salt, fileSalt) && kdf.equals(fileKdf);
    }

    /** Zeroes the master key. */
    public void wipe() {
        master.fill((byte) 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VaultKey key && Arrays.equals(salt, key.salt) && master.mismatch(key.master) < 0
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
