package dev.jvault.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Which build of jvault this is, as client and agent compare it: the jar's size and time, one
 * stat on every request. Any other release, and a rebuilt jar of the same commit (a developer's,
 * or an upgrade of a snapshot), differs; a copy of the same jar (cp -a, an unpacked archive) is
 * the same build. A client never talks to an agent of another build.
 */
final class BuildIdentity {

    private static final String CURRENT = compute();

    private BuildIdentity() {
    }

    static String current() {
        return CURRENT;
    }

    /** The jar (or classes folder) this code was loaded from; empty when it cannot be told. */
    static Optional<Path> codeSource() {
        try {
            return Optional.of(Path.of(BuildIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String compute() {
        return codeSource().filter(Files::isRegularFile).map(jar -> {
            try {
                BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                return "jar " + attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
            } catch (IOException e) {
                return "jar ?";
            }
        }).orElse("classes"); // tests in-process: client and agent are the same classes
    }
}
