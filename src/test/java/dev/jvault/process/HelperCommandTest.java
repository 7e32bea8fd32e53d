package dev.jvault.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelperCommandTest {

    /** The JDK's own failure for a program, as HelperCommand gets it. */
    private static IOException startFailure(String program) {
        return assertThrows(IOException.class, () -> new ProcessBuilder(program).start());
    }

    @Test
    void aMissingProgramIsSaidToBeNotInstalled() {
        assertEquals("ykman is not installed (not on PATH)",
                HelperCommand.whyNotStarted("ykman", startFailure("jvault-test-no-such-program")));
    }

    @Test
    void aFileThatIsNotExecutableIsSaidToBeSo(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("helper"), "#!/bin/sh\n");
        assertEquals("helper cannot be run (not executable)",
                HelperCommand.whyNotStarted("helper", startFailure(script.toString())));
    }

    @Test
    void anyOtherFailureKeepsTheJdksWords() {
        assertEquals("zenity could not run (disk on fire): is it installed?",
                HelperCommand.whyNotStarted("zenity", new IOException("disk on fire")));
    }
}
