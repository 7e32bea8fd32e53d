package dev.jvault.process;

import dev.jvault.libc.Libc;
import dev.jvault.log.Log;

/** Detaching a background process (the agent) from the terminal it was started from. */
public final class Daemon {

    private Daemon() {
    }

    /**
     * setsid(2): a session and process group of its own, so the terminal's Ctrl-C and hang-up
     * never reach it. Linux and macOS; elsewhere nothing.
     */
    public static void detach() {
        if (!Libc.supported()) {
            return;
        }
        try {
            if (Libc.setsid() < 0) {
                Log.debug("setsid failed: the agent stays in its starter's process group");
            }
        } catch (RuntimeException | LinkageError e) {
            Log.debug("cannot call setsid (" + e + ")");
        }
    }
}
