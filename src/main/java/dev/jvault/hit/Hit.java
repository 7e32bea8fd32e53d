package dev.jvault.hit;

import dev.jvault.target.ChildLaunch;

/** What a command answered from a held session does: print (export) or run the child (exec). */
public sealed interface Hit {

    /** {@code export}'s output, credentials included. */
    record Output(String text) implements Hit {
        @Override
        public String toString() {
            return "Output[...]";
        }
    }

    /** {@code exec}'s child: its program, words and environment changes. */
    record Launch(ChildLaunch launch) implements Hit {
    }
}
