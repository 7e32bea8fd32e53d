package dev.jvault.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandPathTest {

    @Test
    void findsTheFirstExecutableOnPathAndReports126And127(@TempDir Path dir) throws IOException {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        Files.writeString(first.resolve("tool"), "not executable");
        Path tool = Files.writeString(second.resolve("tool"), "#!/bin/sh\n");
        tool.toFile().setExecutable(true);
        String path = first + ":" + second;
        assertEquals(tool, CommandPath.resolve("tool", Optional.of(path)));
        Files.delete(tool);
        assertEquals(126, assertThrows(LaunchException.class, () -> CommandPath.resolve("tool", Optional.of(path))).exitStatus());
        assertEquals(127, assertThrows(LaunchException.class, () -> CommandPath.resolve("absent", Optional.of(path))).exitStatus());
        assertEquals(126, assertThrows(LaunchException.class, () -> CommandPath.resolve(dir.toString(), Optional.of(path))).exitStatus());
        assertEquals(127, assertThrows(LaunchException.class, () -> CommandPath.resolve(dir + "/nope", Optional.of(path))).exitStatus());
    }

    /** The agent looks up a native client's command from the client's folder, and answers it as the client would name it. */
    @Test
    void relativeNamesAndPathEntriesAreLookedUpInTheGivenFolder(@TempDir Path dir) throws IOException {
        Path tool = Files.writeString(Files.createDirectories(dir.resolve("tools")).resolve("tool"), "#!/bin/sh\n");
        tool.toFile().setExecutable(true);
        assertEquals(Path.of("tools/tool"), CommandPath.resolve("tool", Optional.of("/nowhere:tools"), dir));
        assertEquals(Path.of("./tool"), CommandPath.resolve("tool", Optional.of(""), dir.resolve("tools")), "an empty entry is the folder");
        assertEquals(Path.of("tools/tool"), CommandPath.resolve("tools/tool", Optional.empty(), dir));
        assertEquals(127, assertThrows(LaunchException.class, () -> CommandPath.resolve("tools/tool", Optional.empty(),
                dir.resolve("tools"))).exitStatus(), "relative to the given folder, not this process's");
    }
}
