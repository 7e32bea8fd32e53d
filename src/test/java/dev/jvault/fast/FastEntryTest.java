package dev.jvault.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvault.testing.Fixtures;
import dev.jvault.testing.SandboxHome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the fast entry steps aside for the full path: it answers only what it is sure of, so a
 * wrong guess can never change what a command gets. Its hits are AgentIT's.
 */
class FastEntryTest {

    private final SandboxHome home = new SandboxHome().config(Fixtures.SEED_CONFIG).set("JVAULT_AGENT", "on");

    @AfterEach
    void cleanUp() {
        home.close();
    }

    private Optional<String> answer(String... args) {
        return FastEntry.answer(home.environment(), List.of(args));
    }

    @Test
    void stepsAsideForAnyOptionItDoesNotAnswer() {
        for (List<String> args : List.of(List.of("exec", "-t", "123456", "dev-1"), List.of("exec", "dev-1", "--server"),
                List.of("exec", "dev-1", "-nd", "1h"), List.of("exec", "--debug", "dev-1"), List.of("export", "dev-1", "--write"),
                List.of("export", "--format", "yaml", "dev-1"), List.of("export", "dev-1", "extra"), List.of("list"),
                List.of("exec", "dev-1", "-d"))) {
            assertEquals(Optional.empty(), answer(args.toArray(String[]::new)), args.toString());
        }
    }

    @Test
    void stepsAsideWithoutAnAgentNestedOrWithoutAProfile() {
        assertEquals(Optional.empty(), answer("exec", "dev-1", "--", "true"), "no agent answers here");
        home.set("JVAULT", "dev-2");
        assertEquals(Optional.empty(), answer("exec", "dev-1", "--", "true"), "nested: the full path says so");
        home.set("JVAULT", "").set("JVAULT_AGENT", "off");
        assertEquals(Optional.empty(), answer("exec", "dev-1", "--", "true"));
        home.set("JVAULT_AGENT", "on");
        assertEquals(Optional.empty(), answer("exec", "--", "true"), "no profile and no AWS_PROFILE: the picker's job");
    }
}
