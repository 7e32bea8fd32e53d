package dev.jvault.agent;

import static dev.jvault.agent.NativeWire.body;
import static dev.jvault.agent.NativeWire.field;
import static dev.jvault.agent.NativeWire.request;
import static dev.jvault.agent.NativeWire.text;
import static dev.jvault.agent.NativeWire.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.hit.HitFinder;
import dev.jvault.keys.AwsKeys;
import dev.jvault.store.StoredItem;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.SandboxHome;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's side of the native client: a held session answered as RUN or PRINT in the
 * protocol's fields, and NONE for every request it cannot read exactly or that names another
 * agent. (NativeClientIT is the client's side; BothPathsIT the two together.)
 */
class ClientCommandTest {

    private static final List<String> EXEC = List.of("exec", "dev-1", "--", "env");

    private final SandboxHome home = new SandboxHome().config(Fixtures.SEED_CONFIG).set("JVAULT_BACKEND", "file")
            .set("JVAULT_AGENT", "on").set("JVAULT_FILE_PASSPHRASE", "not for the command");
    private final AgentState state = new AgentState(Clock.systemUTC(), Duration.ofMinutes(10), Duration.ofHours(2));
    private final AgentPaths paths = AgentPaths.of(home.environment());
    private final String folder = Path.of("").toAbsolutePath().toString();

    @BeforeEach
    void holdDev1sSession() {
        // Held under the store, root and key HitFinder asks for, as the full path would have handed it over.
        List<String> asked = new ArrayList<>();
        HitFinder.find(home.environment(), EXEC, (store, root, key, minimumTtl) -> {
            asked.addAll(List.of(store, root, key));
            return Optional.empty();
        });
        state.put(asked.get(0), new StoredItem.CachedSession(asked.get(1), "dev-1", asked.get(2), "AssumeRole dev-1",
                AwsKeys.temporary("ASIAHELDSESSION00001", "s".repeat(40), "the token", Instant.now().plus(Duration.ofHours(1)))));
    }

    @AfterEach
    void cleanUp() {
        home.close();
    }

    @Test
    void aHeldSessionIsAnsweredWithTheProgramTheWordsAndTheEnvironmentsChanges() throws IOException {
        DataInputStream answer = answer(request(folder, EXEC, home.variables()));
        assertEquals(AgentWire.Answer.RUN.ordinal(), answer.readUnsignedByte());
        assertTrue(text(answer).endsWith("/env"), "the program, found on PATH");
        assertEquals(List.of("env"), texts(answer));
        List<String> unset = texts(answer);
        assertTrue(unset.containsAll(List.of("AWS_PROFILE", "JVAULT_FILE_PASSPHRASE", "AWS_SESSION_TOKEN")), unset.toString());
        Map<String, String> set = new LinkedHashMap<>();
        for (int i = answer.readInt(); i > 0; i--) {
            set.put(text(answer), text(answer));
        }
        assertEquals("ASIAHELDSESSION00001", set.get("AWS_ACCESS_KEY_ID"));
        assertEquals("the token", set.get("AWS_SESSION_TOKEN"));
        assertEquals("eu-central-1", set.get("AWS_REGION"));
        assertEquals("dev-1", set.get("JVAULT"));
        assertEquals(0, answer.available(), "nothing after the last field");
    }

    @Test
    void exportIsAnsweredWithItsOutput() throws IOException {
        DataInputStream answer = answer(request(folder, List.of("export", "--format", "json", "dev-1"), home.variables()));
        assertEquals(AgentWire.Answer.PRINT.ordinal(), answer.readUnsignedByte());
        assertTrue(text(answer).contains("\"AccessKeyId\": \"ASIAHELDSESSION00001\""));
    }

    @Test
    void whatCannotBeReadExactlyOrNamesAnotherAgentIsNone() throws IOException {
        Map<String, String> otherHome = new HashMap<>(home.variables());
        otherHome.put("HOME", "/tmp/someone-else");
        byte[] good = request(folder, EXEC, home.variables());
        byte[] notUtf8 = request(folder, List.of("exec", "dev-1", "--", "env"), home.variables());
        notUtf8[indexOf(notUtf8, "dev-1".getBytes(StandardCharsets.UTF_8))] = (byte) 0xff;
        for (byte[] request : List.of(request("relative/folder", EXEC, home.variables()), notUtf8,
                java.util.Arrays.copyOf(good, good.length + 1), java.util.Arrays.copyOf(good, good.length - 1),
                request(folder, EXEC, otherHome), request(folder, List.of("exec", "dev-1", "-t", "123456", "--", "env"),
                        home.variables()), countBeyondTheFrame(),
                // 3,000 characters, 9,000 bytes: beyond what a RUN carries, so that its buffer never grows around keys
                request(folder, List.of("exec", "dev-1", "--", "env", "\u20ac".repeat(3000)), home.variables()))) {
            assertEquals(AgentWire.Answer.NONE.ordinal(), answer(request).readUnsignedByte());
        }
    }

    private DataInputStream answer(byte[] request) {
        return AgentWire.reader(ClientCommand.answer(AgentWire.reader(request), paths, state));
    }

    private byte[] countBeyondTheFrame() {
        return body(out -> {
            field(out, folder);
            out.writeInt(1_000_000);
            field(out, "exec");
        });
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not in the request");
    }
}
