package dev.jvault.process;

import dev.jvault.log.Log;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;

/** Detaching a background process (the agent) from the terminal it was started from. */
public final class Daemon {

    private Daemon() {
    }

    /**
     * setsid(2): a session and process group of its own, so the terminal's Ctrl-C and hang-up
     * never reach it. Linux and macOS; elsewhere nothing.
     */
    public static void detach() {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux") && !os.startsWith("Mac")) {
            return;
        }
        try {
            Linker linker = Linker.nativeLinker();
            int result = (int) linker.downcallHandle(linker.defaultLookup().find("setsid").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact();
            if (result < 0) {
                Log.debug("setsid failed: the agent stays in its starter's process group");
            }
        } catch (Throwable e) {
            Log.debug("cannot call setsid (" + e + ")");
        }
    }
}
