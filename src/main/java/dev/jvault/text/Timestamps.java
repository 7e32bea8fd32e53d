package dev.jvault.text;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as AWS writes them: ISO 8601 in UTC, to the second ({@code 2026-12-06T07:35:22Z}). */
public final class Timestamps {

    private Timestamps() {
    }

    public static String iso8601(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
