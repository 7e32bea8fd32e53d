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
}
