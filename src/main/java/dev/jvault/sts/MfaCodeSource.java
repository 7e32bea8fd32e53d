package dev.jvault.sts;

/** Where the code an MFA device shows comes from; asked only when an STS call needs it. */
@FunctionalInterface
public interface MfaCodeSource {

    /** @return six digits, already checked */
    String code(String serial);
}
