package dev.jvault.agent;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The native client's side of the agent's protocol (docs/agent.md), written and read by the
 * tests as the C client does: a field is a 4-byte length and its bytes, a list its count and
 * its fields. ClientCommand is the agent's side under test; these are the tests' own copy.
 */
final class NativeWire {

    private NativeWire() {
    }

    interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    static byte[] body(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            fields.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void field(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static void fields(DataOutputStream out, List<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            field(out, text);
        }
    }

    static String text(DataInputStream in) throws IOException {
        return new String(AgentWire.readBytes(in), StandardCharsets.UTF_8);
    }

    static List<String> texts(DataInputStream in) throws IOException {
        List<String> texts = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            texts.add(text(in));
        }
        return texts;
    }

    /** A request's fields after the header: the folder, the words, the environment. */
    static byte[] request(String folder, List<String> words, Map<String, String> env) {
        return body(out -> {
            field(out, folder);
            fields(out, words);
            fields(out, env.entrySet().stream().map(variable -> variable.getKey() + "=" + variable.getValue()).toList());
        });
    }

    /** A RUN answer as ClientCommand writes one. */
    static byte[] run(String program, List<String> words, List<String> unset, Map<String, String> set) {
        return body(out -> {
            out.writeByte(AgentWire.Answer.RUN.ordinal());
            field(out, program);
            fields(out, words);
            fields(out, unset);
            out.writeInt(set.size());
            for (Map.Entry<String, String> variable : set.entrySet()) {
                field(out, variable.getKey());
                field(out, variable.getValue());
            }
        });
    }
}
