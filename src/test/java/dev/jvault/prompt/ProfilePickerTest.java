package dev.jvault.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jvault.error.JvaultException;
import dev.jvault.testing.ScriptedPrompter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilePickerTest {

    private static final List<String> PROFILES = List.of("main", "dev-1", "dev-2");

    @Test
    void takesANumberOrAName() {
        ScriptedPrompter terminal = ScriptedPrompter.answering("7", "2");
        assertEquals("dev-1", ProfilePicker.pick(PROFILES, terminal));
        assertEquals(List.of("Choose a profile:", "  1) main", "  2) dev-1", "  3) dev-2", "Profile (number or name): ",
                "No profile '7'.", "Profile (number or name): "), terminal.asked());
        assertEquals("dev-2", ProfilePicker.pick(PROFILES, ScriptedPrompter.answering("dev-2")));
    }

    @Test
    void aPromptersOwnPickerIsAskedFirst() {
        ScriptedPrompter picking = ScriptedPrompter.picking("dev-2");
        assertEquals("dev-2", ProfilePicker.pick(PROFILES, picking));
        assertEquals(List.of("Choose a profile"), picking.asked(), "no numbered list");
    }

    @Test
    void withoutATerminalListsTheProfiles() {
        assertEquals("name a profile (or set AWS_PROFILE); profiles: main, dev-1, dev-2",
                assertThrows(JvaultException.class, () -> ProfilePicker.pick(PROFILES, ScriptedPrompter.noTerminal())).getMessage());
    }

    @Test
    void withoutATerminalDefaultIsTakenAsTheAwsCliTakesIt() {
        assertEquals("default", ProfilePicker.pick(List.of("main", "default"), ScriptedPrompter.noTerminal()));
        assertEquals("main", ProfilePicker.pick(List.of("main", "default"), ScriptedPrompter.answering("1")),
                "on a terminal the picker stays");
    }
}
