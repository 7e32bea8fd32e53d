package dev.jvault.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.testing.ExecSandbox;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Once the agent has dropped the vault key, no copy of it is left in the agent's memory: read
 * from outside, through /proc/PID/mem (root, Linux), every anonymous mapping (heap, stacks,
 * direct buffers, native allocations).
 */
@ExtendWith(MotoExtension.class)
class AgentMemoryIT {

    private static final String PASSPHRASE = "exec test passphrase";

    private ExecSandbox sandbox;

    @BeforeEach
    void setUp(MotoServer moto) {
        Assumptions.assumeTrue(System.getProperty("user.name").equals("root") && Files.isDirectory(Path.of("/proc/self")),
                "reads another process's memory: needs root and /proc");
        sandbox = new ExecSandbox(moto);
        sandbox.home().set("JVAULT_AGENT", "on").set("JVAULT_AGENT_KEY_IDLE", "3s");
    }

    @AfterEach
    void tearDown() {
        if (sandbox != null) {
            sandbox.jvault("agent", "stop");
            sandbox.close();
        }
    }

    @Test
    void noCopyOfTheVaultKeyIsLeftOnceItExpired() throws Exception {
        assertEquals(0, sandbox.jvault("exec", "dev-1", "-t", "123456", "--", "true").exitCode());
        // A second command takes the key from the agent: its answer passes through the agent's buffers too.
        assertEquals(0, sandbox.jvault("exec", "prod", "-t", "123456", "--", "true").exitCode());
        long pid = agentPid();
        byte[] master = masterKey(Files.readAllBytes(sandbox.home().path().resolve(".jvault/vault.jvlt")));

        assertTrue(copiesIn(pid, master) > 0, "the scan finds the key while the agent holds it");
        for (int i = 0; i < 300 && sandbox.jvault("agent", "status").stdout().contains("vault key"); i++) {
            Thread.sleep(100);
        }
        assertTrue(!sandbox.jvault("agent", "status").stdout().contains("vault key"), "the key expired");
        assertEquals(0, copiesIn(pid, master), "copies of the vault key left in the agent's memory");
    }

    private long agentPid() {
        return sandbox.jvault("agent", "status").stdout().lines().filter(line -> line.startsWith("Agent: pid ")).findFirst()
                .map(line -> Long.parseLong(line.split(" ")[2])).orElseThrow();
    }

    /** The vault's master key, derived here from the passphrase as jvault derives it. */
    private static byte[] masterKey(byte[] vault) {
        byte[][] derived = new byte[1][];
        VaultFormat.open(vault, "vault", (salt, kdf) -> {
            byte[] master = VaultCrypto.masterKey(PASSPHRASE.toCharArray(), salt, kdf);
            derived[0] = master.clone();
            return master;
        });
        return derived[0];
    }

    /** How often {@code needle} stands in the process's anonymous readable mappings. */
    private static int copiesIn(long pid, byte[] needle) throws IOException {
        int found = 0;
        List<String> maps = Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps"));
        try (RandomAccessFile memory = new RandomAccessFile("/proc/" + pid + "/mem", "r")) {
            for (String line : maps) {
                String[] fields = line.trim().split("\\s+");
                // Anonymous memory ([heap], [stack], and mappings with no file); what files hold is not the agent's doing.
                boolean anonymous = fields.length < 6 || fields[5].startsWith("[");
                if (!fields[1].startsWith("r") || !anonymous) {
                    continue;
                }
                String[] range = fields[0].split("-");
                found += copiesInRegion(memory, Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16),
                        needle);
            }
        }
        return found;
    }

    private static int copiesInRegion(RandomAccessFile memory, long start, long end, byte[] needle) {
        int found = 0;
        byte[] chunk = new byte[1 << 20];
        for (long at = start; at < end; at += chunk.length - (needle.length - 1)) {
            int length = (int) Math.min(chunk.length, end - at);
            try {
                memory.seek(at);
                memory.readFully(chunk, 0, length);
            } catch (IOException unreadable) {
                return found; // a guard page or a mapping that went away
            }
            found += occurrences(chunk, length, needle);
            if (at + length >= end) {
                break;
            }
        }
        return found;
    }

    private static int occurrences(byte[] haystack, int length, byte[] needle) {
        int count = 0;
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }
}
