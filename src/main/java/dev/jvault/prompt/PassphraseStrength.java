package dev.jvault.prompt;

import java.util.Optional;

/**
 * A rough strength bar for a new vault passphrase, as password managers warn: at least 12
 * characters and about 60 bits by a simple estimate (length times the bits of the character
 * classes used). It warns, never refuses: the passphrase guards only a file on the user's disk,
 * behind Argon2id, and the user knows their threat model better than a rule does.
 */
final class PassphraseStrength {

    static final int MIN_LENGTH = 12;
    static final int MIN_BITS = 60;

    private PassphraseStrength() {
    }

    static Optional<String> warning(char[] passphrase) {
        int bits = estimatedBits(passphrase);
        if (passphrase.length >= MIN_LENGTH && bits >= MIN_BITS) {
            return Optional.empty();
        }
        return Optional.of("Warning: this passphrase is weak (" + passphrase.length + " characters, about " + bits
                + " bits; jvault suggests at least " + MIN_LENGTH + " characters and " + MIN_BITS
                + " bits, e.g. four or five random words). It was taken.");
    }

    /** Length times log2 of the size of the character classes present: lower, upper, digits, the rest. */
    static int estimatedBits(char[] passphrase) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (char c : passphrase) {
            lower |= Character.isLowerCase(c);
            upper |= Character.isUpperCase(c);
            digit |= Character.isDigit(c);
            other |= !Character.isLetterOrDigit(c);
        }
        int alphabet = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
        return alphabet == 0 ? 0 : (int) Math.floor(passphrase.length * Math.log(alphabet) / Math.log(2));
    }
}
