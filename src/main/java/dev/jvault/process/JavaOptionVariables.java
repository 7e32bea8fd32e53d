package dev.jvault.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables through which the JVM takes options from the environment. jvault's launcher
 * keeps them from jvault's own JVM, which holds secrets (one of them could turn the attach
 * mechanism or a debugger back on), and hands their values over as {@code JVAULT_SAVED_<name>};
 * every program jvault starts gets them back under their own names, as the user set them.
 */
public final class JavaOptionVariables {

    static final List<String> NAMES = List.of("_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    static final String SAVED = "JVAULT_SAVED_";

    private JavaOptionVariables() {
    }

    /** The environment as the launcher was given it: each saved variable under its own name, no saved name left. */
    public static Map<String, String> restored(Map<String, String> env) {
        Map<String, String> restored = new HashMap<>(env);
        restore(restored);
        return restored;
    }

    /** {@link #restored}, in place (a ProcessBuilder's environment). */
    public static void restore(Map<String, String> env) {
        for (String name : NAMES) {
            String saved = env.remove(SAVED + name);
            if (saved != null) {
                env.put(name, saved);
            }
        }
    }
}
