package org.plankton.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.plankton.core.bundle.Sha256;

/**
 * A model bundle folder packed into one zip file, because {@code SparkContext.addFile} ships
 * single files to every node but refuses local directories outside local mode. An ensemble's
 * {@code members/} sub-folders are packed too.
 */
final class BundleArchive {

    private BundleArchive() {
    }

    /** Files of a bundle folder, relative, sorted, so hash and zip do not depend on listing order. */
    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    /**
     * A short hash of names and contents: the shipped file name, so that a changed model gets a new
     * name (Spark refuses to re-register a name with a different file) and executors never reuse
     * an unpacked copy of another model.
     */
    static String contentHash(Path dir) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        byte[] buf = new byte[1 << 16];
        for (Path rel : files(dir)) {
            sha.update(rel.toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try (InputStream in = Files.newInputStream(dir.resolve(rel))) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    /** Writes {@code dir}'s files into the zip {@code target}. */
    static void pack(Path dir, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path rel : files(dir)) {
                zip.putNextEntry(new ZipEntry(rel.toString().replace('\\', '/')));
                Files.copy(dir.resolve(rel), zip);
                zip.closeEntry();
            }
        }
    }

    /**
     * Unpacks {@code zip} into {@code target} unless it is there already. Unpacks into a temporary
     * sibling and renames, so a task that dies half-way never leaves a partial bundle under the
     * final name; a concurrent unpack of the same zip in another task is harmless.
     *
     * @return {@code target}
     */
    static Path unpackOnce(Path zip, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            return target;
        }
        // normalised: on a standalone worker SparkFiles.get gives ".../app-ID/0/./model.zip", and entries
        // (normalised below) would never start with a folder spelled with "/./"
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp")
                .toAbsolutePath().normalize();
        try {
            try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                    Path file = tmp.resolve(e.getName()).normalize();
                    if (!file.startsWith(tmp)) {
                        throw new IOException("model archive " + zip + " has an entry outside its folder: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(file);
                    } else {
                        Files.createDirectories(file.getParent());
                        Files.copy(z, file);
                    }
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
            } catch (IOException e) {
                // "directory not empty" when another task won the race: its copy is as good as ours
                if (!Files.isDirectory(target)) {
                    throw e;
                }
            }
            return target;
        } finally {
            deleteRecursively(tmp);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
