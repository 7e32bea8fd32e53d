package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvault.testing.ExecSandbox;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.MotoExtension;
import dev.jvault.testing.MotoServer;
import dev.jvault.testing.SandboxHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * scripts/package.sh's archive and .deb, built from this build, unpacked and run as on a machine
 * without Java: no JAVA_HOME, and a PATH holding nothing but sh, env and readlink.
 */
@ExtendWith(MotoExtension.class)
class PackageIT {

    private static final long SIZE_TARGET = 60L * 1024 * 1024;

    private static final SandboxHome WORK = new SandboxHome();
    private static Path archive;
    private static Path deb;
    private static Path tools;

    @BeforeAll
    static void buildPackages() throws IOException {
        Path out = WORK.path().resolve("dist");
        Path script = JvaultProcess.launcher().getParent().resolveSibling("scripts/package.sh");
        // Under a umask that leaves files group-writable, as many build machines have: the packages must not follow it.
        JvaultProcess.Result built = JvaultProcess.runCommand(List.of("sh", "-c", "umask 002 && exec \"$0\" \"$@\"",
                script.toString(), "--no-build", "--out", out.toString()), WORK.variables(), "", Duration.ofMinutes(5));
        assertEquals(0, built.exitCode(), built.toString());
        archive = only(out, ".tar.gz");
        deb = onLinuxWithDpkg() ? only(out, ".deb") : null;
        tools = Files.createDirectories(WORK.path().resolve("tools"));
        for (Path tool : List.of(Path.of("/bin/sh"), Path.of("/usr/bin/env"), Path.of("/usr/bin/readlink"))) {
            Files.createSymbolicLink(tools.resolve(tool.getFileName()), tool.toRealPath());
        }
    }

    @AfterAll
    static void cleanUp() {
        WORK.close();
    }

    /** The check release.yml runs on each archive before anything is published, here on this one. */
    @Test
    void theReleaseCheckPassesOnTheArchive() {
        Path script = JvaultProcess.launcher().getParent().resolveSibling("scripts/check-package.sh");
        JvaultProcess.Result checked = JvaultProcess.runCommand(List.of(script.toString(), archive.toString()),
                WORK.variables(), "", Duration.ofMinutes(3));
        assertEquals(0, checked.exitCode(), checked.toString());
        assertTrue(checked.stderr().contains("check-package.sh: ok: jvault "), checked.stderr());
    }

    /**
     * scripts/install.sh (this build, --no-build) into a prefix that is the XDG data folder: man,
     * bash-completion and fish find its files there by themselves; zsh is told where they are.
     */
    @Test
    void installShPutsManPagesAndCompletionWhereEachLooks() {
        Path prefix = WORK.path().resolve("installed");
        Path script = JvaultProcess.launcher().getParent().resolveSibling("scripts/install.sh");
        JvaultProcess.Result installed = JvaultProcess.runCommand(List.of(script.toString(), "--no-build", "--prefix",
                prefix.toString()), WORK.variables(), "", Duration.ofMinutes(5));
        assertEquals(0, installed.exitCode(), installed.toString());
        assertTrue(installed.stdout().contains("fpath+=(" + prefix + "/share/zsh/site-functions)"), installed.stdout());
        assertTrue(installed.stdout().contains("native client: " + prefix + "/bin/jvault-fast"), installed.stdout());
        for (String part : List.of("bin/jvault", "bin/jvault-fast", "share/man/man1/jvault.1", "share/man/man1/jvault-import.1",
                "share/bash-completion/completions/jvault", "share/zsh/site-functions/_jvault",
                "share/fish/vendor_completions.d/jvault.fish")) {
            assertTrue(Files.exists(prefix.resolve(part)), part);
        }
        Map<String, String> env = new HashMap<>(WORK.variables());
        env.put("PATH", prefix.resolve("bin") + ":" + env.get("PATH"));
        env.put("XDG_DATA_HOME", prefix.resolve("share").toString());
        if (JvaultProcess.onPath("man")) {
            JvaultProcess.Result man = JvaultProcess.runCommand(List.of("man", "-w", "jvault-import"), env, "", Duration.ofSeconds(30));
            assertEquals(prefix.resolve("share/man/man1/jvault-import.1").toString(), man.stdout().strip(), man.toString());
        }
        Path loader = Path.of("/usr/share/bash-completion/bash_completion");
        assumeTrue(Files.exists(loader), "bash-completion is installed (scripts/test.sh)");
        JvaultProcess.Result bash = JvaultProcess.runCommand(List.of("bash", "-c", "source " + loader + "; _completion_loader jvault;"
                + " complete -p jvault"), env, "", Duration.ofSeconds(30));
        assertEquals("complete -F _jvault jvault", bash.stdout().strip(), bash.toString());
        assumeTrue(JvaultProcess.onPath("fish"), "fish is installed (scripts/test.sh)");
        JvaultProcess.Result fish = JvaultProcess.runCommand(List.of("fish", "-c", "complete -C 'jvault completion '"), env, "",
                Duration.ofSeconds(30));
        assertEquals(List.of("bash", "fish", "zsh"), fish.stdout().lines().toList(), fish.toString());
    }

    /** No C compiler: everything but the native client, a jvault that works, and one line saying why. */
    @Test
    void installShWithoutACompilerInstallsAWorkingJvaultAndSaysWhy() {
        Path prefix = WORK.path().resolve("installed-without-cc");
        Path script = JvaultProcess.launcher().getParent().resolveSibling("scripts/install.sh");
        Map<String, String> env = new HashMap<>(WORK.variables());
        env.put("CC", "no-such-cc");
        JvaultProcess.Result installed = JvaultProcess.runCommand(List.of(script.toString(), "--no-build", "--prefix",
                prefix.toString()), env, "", Duration.ofMinutes(5));
        assertEquals(0, installed.exitCode(), installed.toString());
        assertTrue(installed.stderr().contains("no C compiler (no-such-cc): the native client is not built"), installed.stderr());
        assertTrue(installed.stdout().contains("native client: not built"), installed.stdout());
        assertFalse(Files.exists(prefix.resolve("bin/jvault-fast"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(prefix.resolve("share/jvault/bin/jvault-fast")));
        JvaultProcess.Result version = run(prefix.resolve("bin/jvault"), WORK.variables(), "--version");
        assertEquals(0, version.exitCode(), version.toString());
    }

    @Test
    void theArchiveRunsWithNoJavaOnTheMachineAndIsUnderItsSizeTarget() throws IOException {
        assertTrue(archive.getFileName().toString().matches("jvault-[^-]+.*-(linux|macos)-(x64|arm64)\\.tar\\.gz"),
                archive.toString());
        assertTrue(Files.size(archive) < SIZE_TARGET, Files.size(archive) + " bytes");
        Path app = unpack(WORK.path().resolve("unpacked"));
        for (String part : List.of("runtime/bin/java", "bin/jvault-fast", "lib/jvault.aot", "lib/jvault-fast.aot", "share/man/man1/jvault-exec.1",
                "share/bash-completion/completions/jvault", "share/zsh/site-functions/_jvault",
                "share/fish/vendor_completions.d/jvault.fish", "docs/commands.md", "LICENSE")) {
            assertTrue(Files.isRegularFile(app.resolve(part)), part);
        }

        SandboxHome home = new SandboxHome();
        try {
            JvaultProcess.Result version = run(app.resolve("bin/jvault"), withoutJava(home.variables()), "--version");
            assertEquals(0, version.exitCode(), version.toString());
            assertTrue(version.stdout().startsWith("jvault ") && version.stdout().contains("Java 25"), version.stdout());
            assertEquals("", version.stderr(), "nothing from the JVM, nor from an AOT cache it could not use");

            // A JAVA_HOME that names a Java 25 which does not run: the package's own runtime comes first.
            Path brokenJdk = Files.createDirectories(home.path().resolve("jdk-25/bin"));
            Files.writeString(brokenJdk.resolveSibling("release"), "JAVA_VERSION=\"25.0.1\"\n");
            Files.writeString(brokenJdk.resolve("java"), "#!/bin/sh\necho not this java >&2\nexit 3\n")
                    .toFile().setExecutable(true);
            Map<String, String> withBrokenJava = withoutJava(home.variables());
            withBrokenJava.put("JAVA_HOME", brokenJdk.getParent().toString());
            JvaultProcess.Result own = run(app.resolve("bin/jvault"), withBrokenJava, "--version");
            assertEquals(0, own.exitCode(), own.toString());
        } finally {
            home.close();
        }
    }

    @Test
    void theArchiveRunsExecAgainstStsAndThenFromItsCache(MotoServer moto) throws IOException {
        Path app = unpack(WORK.path().resolve("exec"));
        try (ExecSandbox sandbox = new ExecSandbox(moto)) {
            moto.startRecording();
            Path jvault = app.resolve("bin/jvault");
            JvaultProcess.Result first = run(jvault, withoutJava(sandbox.home().variables()), "exec", "dev-1", "-t", "123456",
                    "--", "env");
            assertEquals(0, first.exitCode(), first.toString());
            String keyId = variable(first.stdout(), "AWS_ACCESS_KEY_ID");
            assertTrue(keyId.startsWith("ASIA"), first.stdout());
            assertEquals(1, moto.recorded("GetSessionToken").size());
            assertEquals(1, moto.recorded("AssumeRole").size());

            JvaultProcess.Result cached = run(jvault, withoutJava(sandbox.home().variables()), "exec", "dev-1", "--", "env");
            assertEquals(0, cached.exitCode(), cached.toString());
            assertEquals(keyId, variable(cached.stdout(), "AWS_ACCESS_KEY_ID"), "the cached role session");
            assertEquals(1, moto.recorded("GetSessionToken").size(), "no STS call for the cached run");
            assertEquals(1, moto.recorded("AssumeRole").size(), "no STS call for the cached run");
        }
    }

    @Test
    void theDebPutsEachFileWhereDebianDoes() throws IOException {
        assumeTrue(deb != null, "the .deb is built on Linux with dpkg-deb");
        assertTrue(Files.size(deb) < SIZE_TARGET, Files.size(deb) + " bytes");
        assertEquals("jvault\n", dpkgDeb("-f", deb.toString(), "Package"));
        assertEquals("libc6\n", dpkgDeb("-f", deb.toString(), "Depends"));
        assertEquals("bash-completion\n", dpkgDeb("-f", deb.toString(), "Recommends"), "its bash completion needs it");
        Path root = WORK.path().resolve("deb-root");
        dpkgDeb("-x", deb.toString(), root.toString());

        assertEquals(Path.of("../lib/jvault/bin/jvault"), Files.readSymbolicLink(root.resolve("usr/bin/jvault")));
        assertEquals(Path.of("../lib/jvault/bin/jvault-fast"), Files.readSymbolicLink(root.resolve("usr/bin/jvault-fast")),
                "the launcher looks for its native client next to the name it was run by");
        for (String file : List.of("usr/lib/jvault/runtime/bin/java", "usr/lib/jvault/bin/jvault-fast", "usr/lib/jvault/lib/jvault.jar",
                "usr/lib/jvault/lib/jvault.aot", "usr/lib/jvault/docs/commands.md", "usr/share/man/man1/jvault.1.gz",
                "usr/share/man/man1/jvault-exec.1.gz", "usr/share/bash-completion/completions/jvault",
                "usr/share/zsh/vendor-completions/_jvault", "usr/share/fish/vendor_completions.d/jvault.fish",
                "usr/share/doc/jvault/copyright")) {
            assertTrue(Files.isRegularFile(root.resolve(file)), file);
        }
        assertTrue(Files.readString(root.resolve("usr/share/bash-completion/completions/jvault")).contains("complete -F"));

        SandboxHome home = new SandboxHome();
        try {
            JvaultProcess.Result version = run(root.resolve("usr/bin/jvault"), withoutJava(home.variables()), "--version");
            assertEquals(0, version.exitCode(), version.toString());
            assertEquals("", version.stderr());
        } finally {
            home.close();
        }
    }

    @Test
    void nothingInThePackagesIsWritableByGroupOrOthers() {
        List<String> listings = new ArrayList<>(List.of(JvaultProcess.runCommand(List.of("tar", "-tvzf", archive.toString()),
                WORK.variables(), "", Duration.ofMinutes(2)).stdout()));
        if (deb != null) {
            listings.add(dpkgDeb("-c", deb.toString()));
        }
        for (String listing : listings) {
            List<String> writable = listing.lines().filter(line -> !line.startsWith("l"))
                    .filter(line -> line.charAt(5) == 'w' || line.charAt(8) == 'w').toList();
            assertTrue(listing.lines().count() > 100, listing);
            assertEquals(List.of(), writable, "writable by group or others");
        }
    }

    @Test
    void theDebStopsRunningAgentsBeforeItsFilesGo() throws Exception {
        assumeTrue(deb != null, "the .deb is built on Linux with dpkg-deb");
        Path control = WORK.path().resolve("deb-control");
        dpkgDeb("-e", deb.toString(), control.toString());
        Path prerm = control.resolve("prerm");
        assertTrue(Files.isExecutable(prerm), "a prerm script");
        // A process whose command line is an installed agent's (bash's exec -a names it so).
        Process agent = new ProcessBuilder("bash", "-c", "exec -a '/usr/lib/jvault/runtime/bin/java -Xint -cp"
                + " /usr/lib/jvault/lib/jvault.jar dev.jvault.agent.AgentMain' sleep 300").start();
        Process bystander = new ProcessBuilder("bash", "-c", "exec -a 'java -cp other.jar dev.jvault.agent.AgentMain' sleep 300")
                .start();
        try {
            Thread.sleep(300);
            JvaultProcess.Result removed = JvaultProcess.runCommand(List.of(prerm.toString(), "remove"),
                    Map.of("PATH", "/usr/bin:/bin"), "", Duration.ofSeconds(30));
            assertEquals(0, removed.exitCode(), removed.toString());
            assertTrue(agent.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "the package's agent was stopped");
            assertTrue(bystander.isAlive(), "an agent of another install is not the package's to stop");
        } finally {
            agent.destroyForcibly();
            bystander.destroyForcibly();
        }
    }

    @Test
    void theHomebrewFormulaNamesEachArchiveWithItsChecksum() throws Exception {
        String name = archive.getFileName().toString();
        String version = name.replaceFirst("^jvault-", "").replaceFirst("-(linux|macos)-(x64|arm64)\\.tar\\.gz$", "");
        String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
        StringBuilder sums = new StringBuilder(sum + "  " + name + "\n");
        for (String platform : List.of("linux-x64", "linux-arm64", "macos-x64", "macos-arm64")) {
            String other = "jvault-" + version + "-" + platform + ".tar.gz";
            if (!other.equals(name)) {
                sums.append("%064x  %s%n".formatted(other.hashCode() & 0xffff, other));
            }
        }
        Path sumsFile = Files.writeString(WORK.path().resolve("SHA256SUMS"), sums);
        Path script = JvaultProcess.launcher().getParent().resolveSibling("scripts/homebrew-formula.sh");
        String download = "https://example.invalid/releases/download/v" + version;
        JvaultProcess.Result formula = JvaultProcess.runCommand(List.of(script.toString(), version, download,
                "https://example.invalid", sumsFile.toString()), WORK.variables(), "", Duration.ofSeconds(20));
        assertEquals(0, formula.exitCode(), formula.toString());
        assertTrue(formula.stdout().contains("url \"" + download + "/" + name + "\"\n      sha256 \"" + sum + "\""),
                formula.stdout());
        assertFalse(formula.stdout().contains("@"), "every placeholder filled: " + formula.stdout());

        Files.writeString(sumsFile, sum + "  " + name + "\n");
        JvaultProcess.Result incomplete = JvaultProcess.runCommand(List.of(script.toString(), version, download,
                "https://example.invalid", sumsFile.toString()), WORK.variables(), "", Duration.ofSeconds(20));
        assertEquals(1, incomplete.exitCode(), incomplete.toString());
        assertTrue(incomplete.stderr().startsWith("homebrew-formula.sh: no SHA-256 for jvault-" + version), incomplete.stderr());
    }

    @Test
    void packageShSaysWhatItNeedsAndRefusesWhatItDoesNotKnow() throws IOException {
        Path script = JvaultProcess.launcher().getParent().resolveSibling("scripts/package.sh");
        Path jre = Files.createDirectories(WORK.path().resolve("jre-25/bin"));
        Files.writeString(jre.resolveSibling("release"), "JAVA_VERSION=\"25.0.1\"\n");
        Files.writeString(jre.resolve("java"), "#!/bin/sh\nexit 0\n").toFile().setExecutable(true);
        Map<String, String> env = new HashMap<>(WORK.variables());
        env.put("JAVA_HOME", jre.getParent().toString());
        JvaultProcess.Result noJlink = JvaultProcess.runCommand(List.of(script.toString(), "--no-build"), env, "",
                Duration.ofSeconds(30));
        assertEquals(1, noJlink.exitCode(), noJlink.toString());
        assertTrue(noJlink.stderr().startsWith("package.sh: needs a full JDK 25+ (with jlink and jdeps)"), noJlink.stderr());

        JvaultProcess.Result unknown = JvaultProcess.runCommand(List.of(script.toString(), "--deb-only"), WORK.variables(), "",
                Duration.ofSeconds(30));
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertEquals("package.sh: unknown argument --deb-only (see --help)\n", unknown.stderr());
    }

    /** The given variables without JAVA_HOME, and only {@link #tools} on PATH. */
    private static Map<String, String> withoutJava(Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(variables);
        env.remove("JAVA_HOME");
        env.put("PATH", tools.toString());
        return env;
    }

    private static JvaultProcess.Result run(Path jvault, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(jvault.toString()));
        command.addAll(List.of(args));
        return JvaultProcess.runCommand(command, env, "", Duration.ofSeconds(60));
    }

    private static Path unpack(Path into) throws IOException {
        Files.createDirectories(into);
        JvaultProcess.Result untar = JvaultProcess.runCommand(List.of("tar", "-C", into.toString(), "-xzf", archive.toString()),
                WORK.variables(), "", Duration.ofMinutes(2));
        assertEquals(0, untar.exitCode(), untar.toString());
        return into.resolve(archive.getFileName().toString().replace(".tar.gz", ""));
    }

    private static String dpkgDeb(String... args) {
        List<String> command = new ArrayList<>(List.of("dpkg-deb"));
        command.addAll(List.of(args));
        JvaultProcess.Result result = JvaultProcess.runCommand(command, WORK.variables(), "", Duration.ofMinutes(2));
        assertEquals(0, result.exitCode(), result.toString());
        return result.stdout();
    }

    private static String variable(String envOutput, String name) {
        return envOutput.lines().filter(line -> line.startsWith(name + "=")).map(line -> line.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + envOutput));
    }

    private static boolean onLinuxWithDpkg() {
        return System.getProperty("os.name").equals("Linux") && JvaultProcess.onPath("dpkg-deb");
    }

    private static Path only(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), "one " + suffix + " in " + folder + ": " + found);
            return found.getFirst();
        }
    }
}
