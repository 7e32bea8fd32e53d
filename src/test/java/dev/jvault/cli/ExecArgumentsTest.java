package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvault.config.Environment;
import dev.jvault.exec.SubprocessLauncher;
import dev.jvault.testing.ScriptedPrompter;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExecArgumentsTest {

    private static List<String> separated(String line) {
        String[] args = line.split(" ");
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        var commandLine = JvaultCommand.commandLine(new Environment(Map.of()), ScriptedPrompter.noTerminal(),
                new SubprocessLauncher(), discard, discard, "exec");
        return List.of(ExecArguments.separate(args, commandLine.getSubcommands().get("exec").getCommandSpec()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "exec dev-1 aws s3 ls --region eu-west-1 | exec dev-1 -- aws s3 ls --region eu-west-1",
        "exec dev-1 -t 123456 -d 2h aws s3 ls | exec dev-1 -t 123456 -d 2h -- aws s3 ls",
        "exec -t 123456 dev-1 --region=eu-west-1 env | exec -t 123456 dev-1 --region=eu-west-1 -- env",
        "exec dev-1 -- aws --region x | exec dev-1 -- aws --region x",
        "exec -- aws s3 ls | exec -- aws s3 ls",
        "exec dev-1 | exec dev-1",
        "exec dev-1 -n | exec dev-1 -n",
        "--debug exec dev-1 true | --debug exec dev-1 -- true",
        "--config-file exec exec dev-1 true | --config-file exec exec dev-1 -- true",
        "describe exec | describe exec",
    })
    void insertsTheSeparatorWhereTheCommandBegins(String line, String expected) {
        assertEquals(List.of(expected.split(" ")), separated(line));
    }
}
