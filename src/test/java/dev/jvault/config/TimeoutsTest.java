package dev.jvault.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The time limits read from the environment: defaults, overrides, and values that cannot be limits. */
class TimeoutsTest {

    @Test
    void defaultsAndOverrides() {
        Environment none = new Environment(Map.of());
        assertEquals(Duration.ofMinutes(2), Timeouts.helper(none));
        assertEquals(Duration.ofSeconds(30), Timeouts.sts(none));
        assertEquals(Duration.ofMinutes(5), Timeouts.minimumTtl(none));
        assertEquals(Duration.ofSeconds(90), Timeouts.helper(new Environment(Map.of("JVAULT_HELPER_TIMEOUT", "90s"))));
    }

    @Test
    void aMalformedOrImpossibleTimeoutIsAConfigError() {
        assertEquals("$JVAULT_STS_TIMEOUT: 'soon' is not a duration: write e.g. 3600, 90m or 8h", assertThrows(
                ConfigException.class, () -> Timeouts.sts(new Environment(Map.of("JVAULT_STS_TIMEOUT", "soon")))).getMessage());
        assertEquals("$JVAULT_HELPER_TIMEOUT: JVAULT_HELPER_TIMEOUT of 0s is outside what AWS allows (1s to 1h)",
                assertThrows(ConfigException.class, () -> Timeouts.helper(new Environment(Map.of("JVAULT_HELPER_TIMEOUT",
                        "0")))).getMessage());
    }
}
