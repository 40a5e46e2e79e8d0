package org.plankton.server.storage;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Content-addressed image files: {@code <root>/ab/cdef...} for hash {@code abcdef...}.
 *
 * <p>Content addressing makes a repeated upload free, lets samples share a file, and means no
 * user-supplied name ever reaches the file system (no path traversal, no clashes, no encoding
 * trouble). Files are written under a temporary name and renamed, so a crash never leaves a
 * half-written file under a valid hash.
 */
public final class ImageStore {

    private final Path root;

    public ImageStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    /** Where the file of {@code sha256} lives (whether or not it exists). */
    public Path path(String sha256) {
        if (!ContentHash.isValid(sha256)) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    /** Stores {@code data} under its hash; a no-op when that content is already there. */
    public void put(String sha256, byte[] data) throws IOException {
        Path target = path(sha256);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } catch (FileAlreadyExistsException e) {
            // another request stored the same content first: same bytes, nothing to do
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public byte[] read(String sha256) throws IOException {
        return Files.readAllBytes(path(sha256));
    }

    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(path(sha256));
    }
}
