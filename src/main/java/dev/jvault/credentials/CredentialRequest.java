package dev.jvault.credentials;

import java.util.Optional;

/**
 * What a command asks for, as the user gave it: every field is optional, and the service fills
 * in the rest from the environment and the profile.
 *
 * @param profile      the profile named on the command line; else $AWS_PROFILE, else the picker
 * @param duration     {@code -d}: the target role's duration, or the session's without a role
 * @param mfaToken     {@code -t}: the MFA code for the first credentials asked (a renewal asks anew)
 * @param noSession    {@code -n}: no GetSessionToken
 * @param region       {@code --region}: the region handed on, over the profile's
 * @param promptDriver {@code --prompt}: how to ask for MFA codes, over $JVAULT_PROMPT
 */
public record CredentialRequest(Optional<String> profile, Optional<String> duration, Optional<String> mfaToken,
        boolean noSession, Optional<String> region, Optional<String> promptDriver) {
}
