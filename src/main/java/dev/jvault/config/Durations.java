package dev.jvault.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as aws-vault users write them ({@code 8h}, {@code 90m}, {@code 1h30m},
 * {@code 3600s}) or as plain seconds ({@code 3600}), and prints them back the same way.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)([hms])");
    private static final Pattern WHOLE = Pattern.compile("(\\d+[hms])+");

    private Durations() {
    }

    public static Duration parse(Sourced<String> text) {
        String value = text.value().strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (value.matches("\\d{1,9}")) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            if (WHOLE.matcher(value).matches()) {
                Duration total = Duration.ZERO;
                Matcher part = PART.matcher(value);
                while (part.find()) {
                    long amount = Long.parseLong(part.group(1));
                    total = total.plus(switch (part.group(2)) {
                        case "h" -> Duration.ofHours(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofSeconds(amount);
                    });
                }
                return total;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // too many digits: falls through to the error below
        }
        throw new ConfigException(text.origin(), "'" + Settings.shown(text.value()) + "' is not a duration: write e.g. 3600, 90m or 8h");
    }

    /** Parses and checks the AWS limits for the call the duration is for. */
    public static Duration parseWithin(Sourced<String> text, Duration min, Duration max, String what) {
        Duration duration = parse(text);
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new ConfigException(text.origin(), what + " of " + format(duration) + " is outside what AWS allows ("
                    + format(min) + " to " + format(max) + ")");
        }
        return duration;
    }

    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        StringBuilder out = new StringBuilder();
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            out.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0 || seconds == 0) {
            out.append(seconds % 60).append('s');
        }
        return out.toString();
    }
}
