package dev.jvault.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Optional;

/**
 * The C library calls jvault makes, in one place: each is bound through java.lang.foreign on
 * first use (every jvault start would pay for binding them all), with its C signature beside
 * it. Linux and macOS; a call that cannot be made throws {@link IllegalStateException}, and the
 * caller decides what that costs. Binding a C function is a restricted method: the launcher
 * grants jvault native access ({@code --enable-native-access=ALL-UNNAMED}).
 */
@SuppressWarnings("restricted")
public final class Libc {

    public static final int PR_GET_DUMPABLE = 3;
    public static final int PR_SET_DUMPABLE = 4;
    private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;
    private static final boolean MAC = System.getProperty("os.name", "").startsWith("Mac");
    private static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");
    private static final int SIG_SETMASK = MAC ? 3 : 2;

    private Libc() {
    }

    /** Whether this platform has the C library these calls are written for (Linux and macOS). */
    public static boolean supported() {
        return LINUX || MAC;
    }

    public static boolean linux() {
        return LINUX;
    }

    /** {@code int setsid(void)}: a session and process group of this process's own. */
    public static int setsid() {
        return call(() -> (int) bind("setsid", FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact());
    }

    /** {@code int prctl(int option, ...)} with one argument (Linux). */
    public static int prctl(int option, long argument) {
        return call(() -> (int) bind("prctl", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_LONG), Linker.Option.firstVariadicArg(1)).invokeExact(option, argument));
    }

    /**
     * Marks every descriptor from {@code first} on close-on-exec: {@code close_range(first, ~0,
     * CLOSE_RANGE_CLOEXEC)} where the C library has it, else {@code fcntl(fd, F_SETFD, FD_CLOEXEC)}
     * on each of {@code open}.
     */
    public static void closeOnExecFrom(int first, List<Integer> open) {
        Optional<MemorySegment> closeRange = Native.LIBC.find("close_range");
        if (closeRange.isPresent()) {
            MethodHandle call = Native.LINKER.downcallHandle(closeRange.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            if (call(() -> (int) call.invokeExact(first, -1, CLOSE_RANGE_CLOEXEC)) == 0) {
                return;
            }
        }
        MethodHandle fcntl = bind("fcntl", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
        for (int fd : open) {
            if (fd >= first) {
                call(() -> (int) fcntl.invokeExact(fd, F_SETFD, FD_CLOEXEC));
            }
        }
    }

    /** {@code pthread_sigmask(SIG_SETMASK, empty, NULL)}: no signal blocked in this thread. */
    public static void clearSignalMask() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment empty = arena.allocate(128); // sigset_t is at most 128 bytes
            call(() -> (int) bind("pthread_sigmask", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS)).invokeExact(SIG_SETMASK, empty, MemorySegment.NULL));
        }
    }

    /**
     * {@code int execve(const char *path, char *const argv[], char *const envp[])}: replaces this
     * process with the program. Returns only when that failed, with errno.
     */
    public static int execve(String path, List<String> argv, List<String> envp) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Linker.Option.captureStateLayout());
            MemorySegment file = arena.allocateFrom(path);
            MemorySegment args = cStrings(arena, argv);
            MemorySegment environment = cStrings(arena, envp);
            MethodHandle execve = bind("execve", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS), Linker.Option.captureCallState("errno"));
            call(() -> (int) execve.invokeExact(errno, file, args, environment));
            return (int) Native.ERRNO.get(errno, 0L);
        }
    }

    private static MemorySegment cStrings(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, strings.size() + 1);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(strings.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    private static MethodHandle bind(String name, FunctionDescriptor signature, Linker.Option... options) {
        MemorySegment function = Native.LIBC.find(name)
                .orElseThrow(() -> new IllegalStateException("the C library has no " + name));
        return Native.LINKER.downcallHandle(function, signature, options);
    }

    /** A call that returns an int; whatever it throws becomes an {@link IllegalStateException}. */
    private interface IntCall {
        int run() throws Throwable;
    }

    private static int call(IntCall call) {
        if (!supported()) {
            throw new IllegalStateException("no C library calls on " + System.getProperty("os.name"));
        }
        try {
            return call.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The linker and the C library, looked up once, by the first call. */
    private static final class Native {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup LIBC = LINKER.defaultLookup();
        static final VarHandle ERRNO = Linker.Option.captureStateLayout()
                .varHandle(MemoryLayout.PathElement.groupElement("errno"));
    }
}
