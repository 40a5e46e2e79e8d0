package org.plankton.core.ecotaxa;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The output folder is built under a hidden temporary name beside it (same file system, so the
 * final rename is atomic) and renamed at the end. An existing non-empty folder is refused unless
 * forced, because mixing a new import into an old training folder would silently mix label sets.
 */
final class OutputFolder {

    private OutputFolder() {
    }

    static void checkTarget(Path out, boolean force) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new FileAlreadyExistsException(out.toString(), null, "exists and is not a folder");
        }
        if (!force && !isEmpty(out)) {
            throw new IOException(out + " exists and is not empty (use --force to replace it)");
        }
    }

    static Path createTemp(Path out) throws IOException {
        Path abs = out.toAbsolutePath().normalize();
        Path parent = Files.createDirectories(abs.getParent());
        return Files.createTempDirectory(parent, "." + abs.getFileName() + ".import-");
    }

    static void moveIntoPlace(Path tmp, Path out, boolean force) throws IOException {
        Path old = null;
        if (Files.exists(out)) {
            checkTarget(out, force); // again: something may have written there meanwhile
            if (isEmpty(out)) {
                Files.delete(out);
            } else {
                old = Files.createTempDirectory(tmp.getParent(), "." + out.getFileName() + ".old-");
                Files.delete(old);
                move(out, old);
            }
        }
        move(tmp, out);
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
