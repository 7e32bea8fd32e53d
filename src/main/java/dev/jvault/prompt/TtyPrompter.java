package dev.jvault.prompt;

import dev.jvault.error.ExitStatus;
import dev.jvault.error.JvaultException;
import dev.jvault.text.TerminalText;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Asks on the controlling terminal, {@code /dev/tty}, so that prompts work when stdin is piped
 * and when jvault runs as a credential_process. Echo is turned off with {@code stty} for
 * secrets and turned back on afterwards. Ctrl-C at a prompt ends jvault with status 130, and
 * Ctrl-D (end of input) with "no answer": either way the prompt's line is ended and the terminal
 * is left as it was.
 */
public final class TtyPrompter implements Prompter {

    private static final File TTY = new File("/dev/tty");

    @Override
    public boolean available() {
        try (FileInputStream probe = new FileInputStream(TTY)) {
            return probe.getFD().valid();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void tell(String message) {
        try (OutputStream out = new FileOutputStream(TTY)) {
            out.write((TerminalText.escape(message) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PromptException("no terminal to write to (" + e.getMessage() + ")");
        }
    }

    @Override
    public String line(String prompt) {
        char[] answer = ask(prompt, false);
        try {
            return new String(answer);
        } finally {
            Arrays.fill(answer, '\0');
        }
    }

    @Override
    public char[] secret(String prompt) {
        return ask(prompt, true);
    }

    private char[] ask(String prompt, boolean hidden) {
        try (InputStream in = new FileInputStream(TTY); OutputStream out = new FileOutputStream(TTY)) {
            out.write(TerminalText.escape(prompt).getBytes(StandardCharsets.UTF_8));
            out.flush();
            // Ctrl-C ends the JVM here: the hook ends the prompt's line and turns echo back on.
            Thread restore = new Thread(() -> {
                if (hidden) {
                    stty("echo");
                }
                tell("");
            });
            Runtime.getRuntime().addShutdownHook(restore);
            if (hidden) {
                stty("-echo");
            }
            try {
                return readLine(in);
            } catch (JvaultException e) {
                if (!hidden) {
                    out.write('\n'); // the line the user ended with Ctrl-D; a hidden one is ended below
                }
                throw e;
            } finally {
                if (hidden) {
                    stty("echo");
                    out.write('\n');
                }
                out.flush();
                Runtime.getRuntime().removeShutdownHook(restore);
            }
        } catch (IOException e) {
            throw new PromptException("no terminal to ask on (" + e.getMessage() + ")");
        }
    }

    /** Reads up to the end of the line into a buffer that is wiped once decoded. */
    private static char[] readLine(InputStream in) throws IOException {
        byte[] buffer = new byte[128];
        int length = 0;
        int b;
        try {
            while ((b = in.read()) != -1 && b != '\n') {
                if (b == '\r') {
                    continue;
                }
                if (length == buffer.length) {
                    byte[] larger = Arrays.copyOf(buffer, length * 2);
                    Arrays.fill(buffer, (byte) 0);
                    buffer = larger;
                }
                buffer[length++] = (byte) b;
            }
            if (b == -1) { // Ctrl-D, or the terminal went away
                throw new JvaultException(ExitStatus.DECLINED, "no answer (the input ended at the prompt): nothing was changed");
            }
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(buffer, 0, length));
            char[] answer = Arrays.copyOf(chars.array(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return answer;
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
    }

    private static void stty(String setting) {
        try {
            new ProcessBuilder("stty", setting).redirectInput(TTY).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            throw new PromptException("cannot turn terminal echo " + (setting.startsWith("-") ? "off" : "on")
                    + " (" + e.getMessage() + "): refusing to read a secret that would show");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
