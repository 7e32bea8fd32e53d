package dev.jvault.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/commands.md's table of exit statuses says what the code says, row for row. */
class ExitStatusDocsTest {

    @Test
    void theDocsTableIsTheCodesList() throws IOException {
        String docs = Files.readString(Path.of(System.getProperty("jvault.projectDir", ".")).resolve("docs/commands.md"));
        String section = docs.substring(docs.indexOf("## Exit statuses"));
        List<String> rows = section.lines().filter(line -> line.matches("\\| \\d+ \\|.*")).toList();
        List<String> expected = Arrays.stream(ExitStatus.values())
                .map(status -> "| " + status.code() + " | " + status.meaning() + " |").toList();
        assertEquals(expected, rows);
    }
}
