package dev.jvault.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jvault.testing.JvaultProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** In a JVM of its own, since a non-dumpable process stays so: prctl really takes effect. */
class ProcessHardeningTest {

    /** Prints whether the process is dumpable before and after {@link ProcessHardening#apply()}. */
    public static void main(String[] args) {
        boolean before = ProcessHardening.dumpable();
        ProcessHardening.apply();
        System.out.println("dumpable before " + before + ", after " + ProcessHardening.dumpable());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void makesTheProcessNonDumpable() {
        JvaultProcess.Result probe = JvaultProcess.runCommand(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ProcessHardeningTest.class.getName()), Map.of(), "", Duration.ofSeconds(30));
        assertEquals(0, probe.exitCode(), probe.toString());
        assertEquals("dumpable before true, after false\n", probe.stdout());
    }
}
