package dev.jvault.credentials;

import dev.jvault.target.TargetRequest;
import java.util.Optional;

/**
 * What a command asks for, as the user gave it: the target, and how MFA codes are had.
 *
 * @param target       the profile and the options that shape its credentials
 * @param mfaToken     {@code -t}: the MFA code for the first credentials asked (a renewal asks anew)
 * @param promptDriver {@code --prompt}: how to ask for MFA codes, over $JVAULT_PROMPT
 */
public record CredentialRequest(TargetRequest target, Optional<String> mfaToken, Optional<String> promptDriver) {
}
