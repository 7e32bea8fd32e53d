package dev.jvault.process;

import dev.jvault.log.Log;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.lang.foreign.ValueLayout;

/**
 * Keeps other processes of the same user out of a jvault that holds secrets: on Linux,
 * {@code prctl(PR_SET_DUMPABLE, 0)} makes it non-dumpable, so it writes no core file and
 * cannot be ptrace-attached or read through {@code /proc/PID/mem} by the user's other
 * programs. A command that execve replaces jvault with is dumpable again, as the kernel resets
 * the flag. The launcher adds the rest: no JVM attach mechanism ({@code jcmd}) and no core
 * files on other systems.
 */
public final class ProcessHardening {

    private static final int PR_GET_DUMPABLE = 3;
    private static final int PR_SET_DUMPABLE = 4;

    private ProcessHardening() {
    }

    /** Makes this process non-dumpable where the OS allows; says in --debug when it could not. */
    public static void apply() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return;
        }
        try {
            int result = (int) prctl().invokeExact(PR_SET_DUMPABLE, 0L);
            if (result != 0) {
                Log.debug("prctl(PR_SET_DUMPABLE, 0) returned " + result + ": this process stays dumpable");
            }
        } catch (Throwable e) {
            Log.debug("cannot make this process non-dumpable (" + e + ")");
        }
    }

    /** Whether this process is dumpable (Linux); true elsewhere, where jvault cannot tell. */
    public static boolean dumpable() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return true;
        }
        try {
            return (int) prctl().invokeExact(PR_GET_DUMPABLE, 0L) != 0;
        } catch (Throwable e) {
            throw new IllegalStateException("prctl(PR_GET_DUMPABLE) failed", e);
        }
    }

    private static MethodHandle prctl() {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find("prctl").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }
}
