package dev.jvault.log;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text bound for a log: every value registered as secret, and anything shaped
 * like an AWS secret key, session token or MFA code. Access key ids keep their last four
 * characters, which is enough to tell keys apart and useless to an attacker.
 */
public final class Redactor {

    static final String MASK = "****";
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{12}([A-Z0-9]{4})\\b");
    /** Secret keys are 40 base64 characters; session tokens are hundreds. */
    private static final Pattern SECRET = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40,}={0,2}(?![A-Za-z0-9/+=])");
    private static final Pattern MFA_CODE = Pattern.compile("(?i)(token_?code[\"'=: ]+)\\d{6}");

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    public void addSecret(String secret) {
        if (secret != null && secret.length() >= 4) {
            secrets.add(secret);
        }
    }

    /**
     * Secret keys and tokens are random base64: upper and lower case and digits, and few
     * slashes. A long folder path has many slashes, so error messages keep their paths.
     */
    private static boolean looksRandom(String run) {
        return run.chars().anyMatch(Character::isUpperCase) && run.chars().anyMatch(Character::isLowerCase)
                && run.chars().anyMatch(Character::isDigit) && run.chars().filter(c -> c == '/').count() <= 3;
    }

    public String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        result = SECRET.matcher(result).replaceAll(found -> looksRandom(found.group()) ? MASK : Matcher.quoteReplacement(found.group()));
        result = ACCESS_KEY_ID.matcher(result).replaceAll("$1" + MASK + "$2");
        return MFA_CODE.matcher(result).replaceAll("$1" + MASK);
    }
}
