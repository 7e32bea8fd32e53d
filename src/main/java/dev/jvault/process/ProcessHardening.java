package dev.jvault.process;

import dev.jvault.libc.Libc;
import dev.jvault.log.Log;

/**
 * Keeps other processes of the same user out of a jvault that holds secrets: on Linux,
 * {@code prctl(PR_SET_DUMPABLE, 0)} makes it non-dumpable, so it writes no core file and
 * cannot be ptrace-attached or read through {@code /proc/PID/mem} by the user's other
 * programs. A command that execve replaces jvault with is dumpable again, as the kernel resets
 * the flag. The launcher adds the rest: no JVM attach mechanism ({@code jcmd}) and no core
 * files on other systems.
 */
public final class ProcessHardening {

    private ProcessHardening() {
    }

    /** Makes this process non-dumpable where the OS allows; says in --debug when it could not. */
    public static void apply() {
        if (!Libc.linux()) {
            return;
        }
        try {
            int result = Libc.prctl(Libc.PR_SET_DUMPABLE, 0L);
            if (result != 0) {
                Log.debug("prctl(PR_SET_DUMPABLE, 0) returned " + result + ": this process stays dumpable");
            }
        } catch (RuntimeException | LinkageError e) {
            Log.debug("cannot make this process non-dumpable (" + e + ")");
        }
    }

    /** Whether this process is dumpable (Linux); true elsewhere, where jvault cannot tell. */
    public static boolean dumpable() {
        return !Libc.linux() || Libc.prctl(Libc.PR_GET_DUMPABLE, 0L) != 0;
    }
}
