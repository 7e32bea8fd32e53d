package dev.jvault.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The native client (src/main/c, docs/agent.md) as the tests build and lay it out: built by
 * scripts/lib/layout.sh's own function, so with warnings as errors, and here also with
 * AddressSanitizer and UBSan, any finding of which aborts the client with a report on stderr.
 */
public final class NativeClient {

    /** Every sanitizer finding is fatal: a report on stderr and a non-zero exit, never a quiet recovery. */
    public static final List<String> SANITIZERS = List.of("-O1", "-g", "-fno-omit-frame-pointer",
            "-fsanitize=address,undefined", "-fno-sanitize-recover=all");

    private NativeClient() {
    }

    /** Builds the client as {@code out} with the given extra compiler flags; fails the test on any warning. */
    public static Path build(Path out, List<String> flags) {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                ". scripts/lib/layout.sh && jvault_build_client \"$PWD\" \"$@\"", "build-client", out.toString()));
        command.addAll(flags);
        JvaultProcess.Result built = JvaultProcess.runCommand(command, Map.of("PATH", System.getenv("PATH")), "",
                Duration.ofMinutes(2));
        if (built.exitCode() != 0 || !Files.isExecutable(out)) {
            throw new AssertionError("the native client did not build: " + built);
        }
        return out;
    }

    /**
     * An installed-looking folder: {@code bin/jvault-fast} (a copy of {@code client}),
     * {@code bin/jvault} (the given script, which the client execs when it falls back) and
     * {@code lib}, this build's jars, which the client names its build by.
     */
    public static Path layOut(Path folder, Path client, String launcher) {
        try {
            Path bin = Files.createDirectories(folder.resolve("bin"));
            Files.copy(client, bin.resolve("jvault-fast"));
            Files.writeString(bin.resolve("jvault"), launcher);
            Files.setPosixFilePermissions(bin.resolve("jvault"), PosixFilePermissions.fromString("rwx------"));
            Files.createSymbolicLink(folder.resolve("lib"), Path.of("target/lib").toAbsolutePath());
            return bin.resolve("jvault-fast");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A launcher that notes each fallback (JVAULT_FAST_CLIENT=tried) in $NATIVE_FALLBACKS, then runs {@code real}. */
    public static String recordingLauncher(Path real) {
        return """
                #!/bin/bash
                if [ "${JVAULT_FAST_CLIENT-}" = tried ]; then printf 'fell back: %%s\\n' "$*" >> "$NATIVE_FALLBACKS"; fi
                exec %s "$@"
                """.formatted(real);
    }
}
