package dev.jvault.target;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one split of exec's and export's words, over exec's table as the build writes it from the picocli model. */
class CommandWordsTest {

    private static final OptionTable EXEC = OptionTable.written("exec");

    private static CommandWords exec(String... words) {
        return CommandWords.scan(List.of(words), EXEC, true);
    }

    @Test
    void theBuildWritesEveryOptionOfExecWithItsLongestNameFirst() {
        assertEquals(Optional.of(new OptionTable.Option("--duration", true)), EXEC.find("-d"));
        assertEquals(Optional.of(new OptionTable.Option("--no-session", false)), EXEC.find("-n"));
        assertEquals(Optional.of(new OptionTable.Option("--region", true)), EXEC.find("--region=eu-west-1"));
        assertEquals(Optional.of(new OptionTable.Option("--config-file", true)), EXEC.find("--config-file"),
                "the root's inherited options too");
        assertEquals(Optional.empty(), EXEC.find("--format"), "export's, not exec's");
        assertEquals(EXEC.text(), OptionTable.parse(EXEC.text()).text(), "the text reads back as written");
    }

    @Test
    void theCommandStartsAtDashDashOrAtTheFirstWordAfterTheProfileThatIsNoOption() {
        CommandWords words = exec("-d", "1h", "dev-1", "--region=x", "aws", "s3", "ls", "--region", "y");
        assertEquals(Optional.of("dev-1"), words.operand());
        assertEquals(Map.of("--duration", "1h", "--region", "x"), words.values());
        assertEquals(List.of("aws", "s3", "ls", "--region", "y"), words.command());
        assertEquals(List.of("-d", "1h", "dev-1", "--region=x"), words.jvaultWords());

        CommandWords noProfile = exec("-n", "--", "env");
        assertEquals(Optional.empty(), noProfile.operand());
        assertEquals(Map.of("--no-session", ""), noProfile.values());
        assertEquals(List.of("env"), noProfile.command());
    }

    @Test
    void wordsItCannotVouchForAreSetAsideForPicocliToName() {
        assertEquals(List.of("--regoin"), exec("--regoin", "dev-1").unplaced(), "an unknown option before the profile");
        assertEquals(List.of("-nd"), exec("-nd", "1h", "dev-1").unplaced(), "clustered short options");
        assertEquals(List.of("--no-session=true"), exec("dev-1", "--no-session=true").unplaced());
        assertEquals(List.of("-d"), exec("dev-1", "-d").unplaced(), "a value missing");
        assertEquals(List.of("extra"), CommandWords.scan(List.of("dev-1", "extra"), OptionTable.written("export"), false)
                .unplaced(), "export takes no command");
        assertEquals(List.of("-nd", "1h"), exec("dev-1", "-nd", "1h").command(), "after the profile, the command's");
    }
}
