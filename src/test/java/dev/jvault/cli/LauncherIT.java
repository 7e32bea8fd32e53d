package dev.jvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jvault.error.ExitStatus;
import dev.jvault.testing.Fixtures;
import dev.jvault.testing.JvaultProcess;
import dev.jvault.testing.SandboxHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** bin/jvault run as a user runs it: a separate process, a sandbox HOME, only the given environment. */
class LauncherIT {

    private final SandboxHome home = new SandboxHome();

    @AfterEach
    void cleanUp() {
        home.close();
    }

    @Test
    void describesTheSeedProfile() {
        home.config(Fixtures.SEED_CONFIG);
        JvaultProcess.Result result = JvaultProcess.run(home.variables(), "describe", "dev-1");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("chain           dev-1 -> main"), result.toString());
        assertEquals("", result.stderr(), "nothing from the JVM or the AOT cache on stderr");
    }

    @Test
    void configErrorExitsWith78AndOneLine() {
        home.config("[profile dev-1\n");
        JvaultProcess.Result result = JvaultProcess.run(home.variables(), "describe", "dev-1");
        assertEquals(ExitStatus.CONFIG.code(), result.exitCode(), result.toString());
        assertEquals("jvault: ~/.aws/config:1: section header [profile dev-1 has no closing ]\n", result.stderr());
    }

    @Test
    void helpPointsAtTheDocsOfThisVeryInstall() throws IOException {
        Path app = copyOfInstalledLayout();
        for (Path launcher : List.of(app.resolve("bin/jvault"), JvaultProcess.launcher())) {
            JvaultProcess.Result help = JvaultProcess.runCommand(List.of(launcher.toString(), "--help"), home.variables(), "",
                    Duration.ofSeconds(60));
            Path docs = launcher.getParent().resolveSibling("docs/commands.md");
            assertTrue(help.stdout().contains("Docs: " + docs + "."), help.stdout());
            assertTrue(Files.isRegularFile(docs));
        }
    }

    @Test
    void runsWithAStaleAotCacheKey() throws IOException {
        Path app = copyOfInstalledLayout();
        Files.writeString(app.resolve("lib/jvault.aot.key"), "/some/other/jdk|25.0.0+1\n");
        Files.writeString(app.resolve("lib/jvault.aot"), "not a cache");
        JvaultProcess.Result result = JvaultProcess.runCommand(List.of(app.resolve("bin/jvault").toString(), "--version"),
                home.variables(), "", Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().startsWith("jvault "), result.toString());
        assertEquals("", result.stderr());
    }

    @Test
    void usesTheAotCacheOnlyForTheRuntimeAndJarsThatTrainedIt() throws Exception {
        Path app = copyOfInstalledLayout();
        Path jdk = fakeJdk("jdk-25", "25.0.1");
        // The fake java prints the arguments the launcher gives it.
        Files.writeString(jdk.resolve("bin/java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Path cache = Files.writeString(app.resolve("lib/jvault.aot"), "trained");
        Path key = Files.writeString(app.resolve("lib/jvault.aot.key"), jdk + "|25.0.1+7\n");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().plusSeconds(60)));
        assertTrue(launchArguments(app, jdk, Map.of()).contains("-XX:AOTCache=" + cache), "a fresh cache is used");
        assertFalse(launchArguments(app, jdk, Map.of("JVAULT_AOT_CACHE", "off")).contains("-XX:AOTCache=" + cache));

        Files.setLastModifiedTime(app.resolve("lib/jvault.jar"), FileTime.from(Instant.now().plusSeconds(120)));
        assertFalse(launchArguments(app, jdk, Map.of()).contains("-XX:AOTCache=" + cache), "a jar rebuilt since");

        Files.setLastModifiedTime(app.resolve("lib/jvault.jar"), FileTime.from(Instant.now().minusSeconds(120)));
        Files.writeString(key, "/another/jdk|25.0.1+7\n");
        assertFalse(launchArguments(app, jdk, Map.of()).contains("-XX:AOTCache=" + cache), "another runtime");
    }

    private List<String> launchArguments(Path app, Path jdk, Map<String, String> extra) {
        Map<String, String> variables = new HashMap<>(home.variables());
        variables.put("JAVA_HOME", jdk.toString());
        variables.putAll(extra);
        JvaultProcess.Result result = JvaultProcess.runCommand(List.of(app.resolve("bin/jvault").toString(), "--version"),
                variables, "", Duration.ofSeconds(20));
        assertEquals(0, result.exitCode(), result.toString());
        List<String> arguments = result.stdout().lines().toList();
        assertEquals("dev.jvault.Main", arguments.get(arguments.size() - 2), result.stdout());
        return arguments;
    }

    @Test
    void findsJava25InJavaHomeAndSkipsOlderOnes() throws IOException {
        Path old = fakeJdk("jdk-17", "17.0.9");
        Path recent = fakeJdk("jdk-26", "26.0.1");
        assertEquals(recent + "|26.0.1+7", findJava(Map.of("JAVA_HOME", recent.toString()), ""));
        String found = findJava(Map.of("JAVA_HOME", old.toString()), "");
        assertTrue(!found.startsWith(old.toString()), "Java 17 from JAVA_HOME must be skipped, got " + found);
    }

    @Test
    void saysWhatToInstallWhenThereIsNoJava() throws IOException {
        Path old = fakeJdk("jdk-17", "17.0.9");
        JvaultProcess.Result result = findJavaResult(Map.of("JAVA_HOME", old.toString()), "jvault_jvm_dirs=''");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.stderr().startsWith("jvault: needs Java 25 or newer and found none"), result.stderr());
        assertTrue(result.stderr().contains("Temurin 25"), result.stderr());
    }

    private String findJava(Map<String, String> env, String setup) {
        JvaultProcess.Result result = findJavaResult(env, setup);
        assertEquals(0, result.exitCode(), result.toString());
        return result.stdout().strip();
    }

    /** Sources the launcher's finder in a shell with no java on PATH. */
    private JvaultProcess.Result findJavaResult(Map<String, String> env, String setup) {
        Path finder = JvaultProcess.launcher().resolveSibling("jvault-java.sh");
        String script = ". '" + finder + "'; " + setup + "\njvault_find_java && printf '%s\\n' \"$JVAULT_JAVA_ID\"";
        Map<String, String> variables = new HashMap<>(env);
        variables.put("HOME", home.path().toString());
        variables.put("PATH", "/nonexistent");
        return JvaultProcess.runCommand(List.of("/bin/sh", "-c", script), variables, "", Duration.ofSeconds(20));
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path jdk = home.path().resolve(name);
        Files.createDirectories(jdk.resolve("bin"));
        Path java = Files.writeString(jdk.resolve("bin/java"), "#!/bin/sh\nexit 0\n");
        java.toFile().setExecutable(true);
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\nJAVA_RUNTIME_VERSION=\"" + version + "+7\"\n");
        return jdk;
    }

    /** bin/ and lib/ as scripts/install.sh lays them out, copied from this build. */
    private Path copyOfInstalledLayout() throws IOException {
        Path app = home.path().resolve("app");
        Path bin = JvaultProcess.launcher().getParent();
        Path lib = bin.getParent().resolve("target/lib");
        Files.createDirectories(app.resolve("bin"));
        Files.createDirectories(app.resolve("lib"));
        for (String script : List.of("jvault", "jvault-java.sh")) {
            Files.copy(bin.resolve(script), app.resolve("bin").resolve(script));
        }
        try (var jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, app.resolve("lib").resolve(jar.getFileName()));
            }
        }
        Files.createDirectories(app.resolve("docs"));
        Files.copy(bin.resolveSibling("docs/commands.md"), app.resolve("docs/commands.md"));
        return app;
    }
}
