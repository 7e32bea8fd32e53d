package dev.jvault.agent;

import dev.jvault.config.Environment;
import dev.jvault.hit.Hit;
import dev.jvault.hit.HitFinder;
import dev.jvault.log.Log;
import dev.jvault.target.ChildLaunch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's side of the native client (docs/agent.md): the client sends its working folder,
 * its command line and its environment; the agent, already warm, runs {@link HitFinder} for
 * them, exactly as the Java fast path does, with its own sessions, and answers RUN (the
 * program, its words, the names to unset and the variables to set), PRINT (export's output) or
 * NONE, after which the client execs the Java launcher as if it had never run. Whatever cannot
 * be read exactly (text that is not UTF-8, a relative folder, counts beyond the frame) is NONE too.
 */
final class ClientCommand {

    /** A command line this long is answered by the full path: an answer's buffer must not grow while it holds keys. */
    private static final int MAX_COMMAND = 8 * 1024;

    private ClientCommand() {
    }

    static byte[] answer(DataInputStream in, AgentPaths paths, AgentState state) {
        Optional<Hit> hit = Optional.empty();
        try {
            Path folder = Path.of(text(in));
            List<String> args = texts(in);
            Map<String, String> variables = new HashMap<>();
            for (String entry : texts(in)) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    variables.putIfAbsent(entry.substring(0, equals), entry.substring(equals + 1)); // getenv's: the first
                }
            }
            Environment env = new Environment(variables, folder);
            // Only a client that found this very agent where its own environment says the agent lives.
            if (folder.isAbsolute() && in.available() == 0 && Agent.of(env).isPresent() && AgentPaths.of(env).equals(paths)) {
                hit = HitFinder.find(env, args, state::session);
            }
        } catch (IOException | RuntimeException e) {
            Log.debug("agent: a native client's command is the full path's: " + e);
        }
        return switch (hit.orElse(null)) {
            case Hit.Output output -> AgentWire.answer(AgentWire.Answer.PRINT, out -> AgentWire.writeBytes(out, bytes(output.text())));
            case Hit.Launch launch when fits(launch.launch()) -> AgentWire.answer(AgentWire.Answer.RUN, out -> run(out, launch.launch()));
            case null, default -> AgentWire.answer(AgentWire.Answer.NONE, AgentWire.none());
        };
    }

    /** The secrets come last: the words before them are bounded, so the answer's buffer never grows once it holds one. */
    private static void run(DataOutputStream out, ChildLaunch launch) throws IOException {
        AgentWire.writeBytes(out, bytes(launch.program().toString()));
        writeTexts(out, launch.command());
        writeTexts(out, launch.unset());
        out.writeInt(launch.variables().size());
        for (Map.Entry<String, String> variable : launch.variables().entrySet()) {
            AgentWire.writeBytes(out, bytes(variable.getKey()));
            byte[] value = bytes(variable.getValue());
            try {
                AgentWire.writeBytes(out, value);
            } finally {
                Arrays.fill(value, (byte) 0);
            }
        }
    }

    /** In bytes as written: a character outside ASCII takes up to three. */
    private static boolean fits(ChildLaunch launch) {
        return bytes(launch.program().toString()).length
                + launch.command().stream().mapToInt(word -> bytes(word).length).sum() <= MAX_COMMAND;
    }

    private static void writeTexts(DataOutputStream out, List<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            AgentWire.writeBytes(out, bytes(text));
        }
    }

    private static List<String> texts(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available() / Integer.BYTES) {
            throw new IOException(count + " fields in a frame of " + in.available() + " bytes");
        }
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(text(in));
        }
        return texts;
    }

    /** Strict UTF-8: a byte that is not would be read differently by the full path's JVM. */
    private static String text(DataInputStream in) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(AgentWire.readBytes(in))).toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
