package dev.jvault.store.file;

/**
 * Argon2id cost parameters. New vaults use RFC 9106's second recommended set (64 MiB, t=3,
 * p=4). The limits are what jvault writes with headroom (4x the memory, 2x the passes and
 * lanes): a header asking for more is refused as damaged before any work is done, so a
 * crafted file cannot make jvault allocate gigabytes or spin for minutes.
 */
public record KdfParameters(int memoryKiB, int iterations, int lanes) {

    public static final KdfParameters RFC_9106_SECOND = new KdfParameters(64 * 1024, 3, 4);
    static final int MAX_MEMORY_KIB = 256 * 1024;
    static final int MAX_ITERATIONS = 6;
    static final int MAX_LANES = 8;
    static final String LIMITS = "m <= 256 MiB, t <= 6, p <= 8";

    /** Argon2's own minimum is 8 KiB per lane. */
    public boolean withinLimits() {
        return lanes >= 1 && lanes <= MAX_LANES && iterations >= 1 && iterations <= MAX_ITERATIONS
                && memoryKiB >= 8 * lanes && memoryKiB <= MAX_MEMORY_KIB;
    }

    @Override
    public String toString() {
        return "m=" + memoryKiB + "KiB t=" + iterations + " p=" + lanes;
    }
}
