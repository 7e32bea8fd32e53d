package dev.jvault.exec;

import dev.jvault.log.Log;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replaces the JVM with the command through execve(2), called with java.lang.foreign: the
 * command becomes this process (same PID, signals and terminal go straight to it) and the JVM,
 * with the long-lived keys it read, is gone. Before the call, every inherited descriptor but
 * stdin, stdout and stderr is marked close-on-exec and the signal mask is cleared, so the
 * command inherits nothing of the JVM's. Should execve itself fail, the fallback runs the
 * command as a subprocess instead.
 */
public final class ExecveLauncher implements Launcher {

    private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;
    private static final boolean MAC = System.getProperty("os.name", "").startsWith("Mac");
    private static final int SIG_SETMASK = MAC ? 3 : 2;

    private final Launcher fallback;
    // Looked up on the first run, not at construction: every jvault start builds a launcher.
    private Linker linker;
    private SymbolLookup libc;

    public ExecveLauncher(Launcher fallback) {
        this.fallback = fallback;
    }

    /** Whether this platform can execve (Linux and macOS). */
    public static boolean supported() {
        String os = System.getProperty("os.name", "");
        return os.startsWith("Linux") || os.startsWith("Mac");
    }

    @Override
    public int run(Path program, List<String> argv, Map<String, String> env) {
        try (Arena arena = Arena.ofConfined()) {
            linker = Linker.nativeLinker();
            libc = linker.defaultLookup();
            MemorySegment path = arena.allocateFrom(program.toString());
            MemorySegment args = cStrings(arena, argv);
            MemorySegment envp = cStrings(arena, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            markDescriptorsCloseOnExec();
            clearSignalMask(arena);
            System.out.flush();
            System.err.flush();
            Errno errno = new Errno(arena);
            int result = (int) downcall("execve", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS), Linker.Option.captureCallState("errno"))
                    .invokeExact(errno.state, path, args, envp);
            Log.debug("execve failed (" + result + ", errno " + errno.value() + "): running the command as a subprocess");
        } catch (Throwable e) {
            Log.debug("execve is not available (" + e + "): running the command as a subprocess");
        }
        return fallback.run(program, argv, env);
    }

    private static MemorySegment cStrings(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, strings.size() + 1);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(strings.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    /** close_range(3, ~0, CLOSE_RANGE_CLOEXEC) where the C library has it, else FD_CLOEXEC on each open descriptor. */
    private void markDescriptorsCloseOnExec() throws Throwable {
        Optional<MemorySegment> closeRange = libc.find("close_range");
        if (closeRange.isPresent()) {
            MethodHandle call = linker.downcallHandle(closeRange.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            if ((int) call.invokeExact(3, -1, CLOSE_RANGE_CLOEXEC) == 0) {
                return;
            }
        }
        MethodHandle fcntl = linker.downcallHandle(libc.find("fcntl").orElseThrow(), FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        Path fds = Files.isDirectory(Path.of("/proc/self/fd")) ? Path.of("/proc/self/fd") : Path.of("/dev/fd");
        try (DirectoryStream<Path> open = Files.newDirectoryStream(fds)) {
            for (Path entry : open) {
                int fd = Integer.parseInt(entry.getFileName().toString());
                if (fd > 2) {
                    int ignored = (int) fcntl.invokeExact(fd, F_SETFD, FD_CLOEXEC);
                }
            }
        } catch (IOException | NumberFormatException e) {
            Log.debug("could not list open descriptors: " + e);
        }
    }

    /** The JVM blocks some signals in its threads; the command must start with none blocked. */
    private void clearSignalMask(Arena arena) throws Throwable {
        MemorySegment empty = arena.allocate(128);
        int ignored = (int) downcall("pthread_sigmask", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS)).invokeExact(SIG_SETMASK, empty, MemorySegment.NULL);
    }

    private MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return linker.downcallHandle(libc.find(name).orElseThrow(), descriptor, options);
    }

    /** Where the C library's errno is captured across the execve call. */
    private static final class Errno {
        private static final VarHandle ERRNO = Linker.Option.captureStateLayout()
                .varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        private final MemorySegment state;

        Errno(Arena arena) {
            state = arena.allocate(Linker.Option.captureStateLayout());
        }

        int value() {
            return (int) ERRNO.get(state, 0L);
        }
    }
}
