package dev.jvault.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"3600, 3600", "8h, 28800", "90m, 5400", "1h30m, 5400", "45s, 45", "1H, 3600"})
    void parses(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), Durations.parse(new Sourced<>(text, Origin.option("-d"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "h", "1d", "-5", "1.5h", "99999999999999999999", "8 h"})
    void refuses(String text) {
        assertThrows(ConfigException.class, () -> Durations.parse(new Sourced<>(text, Origin.option("-d"))));
    }

    @ParameterizedTest
    @CsvSource({"3600, 1h", "5400, 1h30m", "45, 45s", "0, 0s", "3661, 1h1m1s"})
    void formats(long seconds, String text) {
        assertEquals(text, Durations.format(Duration.ofSeconds(seconds)));
    }
}
