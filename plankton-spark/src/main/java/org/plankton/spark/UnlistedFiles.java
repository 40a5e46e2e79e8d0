package org.plankton.spark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.plankton.core.data.ImageFiles;
import org.plankton.core.data.SkippedFile;
import org.plankton.core.image.NotAnImage;

/**
 * What Spark's own listing of the input leaves out or gets wrong, found by a second, driver-side
 * walk that reads names and sizes only (one listing per folder, no file contents):
 * <ul>
 *   <li>Zero-byte files: Spark's file sources drop them (SPARK-26161, SPARK-27291), but an empty
 *       file is exactly the kind of bad file (a camera that crashed mid-write) that must appear in
 *       the output with an error. Hadoop's local file system shows named pipes, sockets and
 *       devices as zero-byte files too.</li>
 *   <li>On a local file system, entries Hadoop's listing drops without a word (broken symbolic
 *       links, link loops), and links to a folder that contains them, which Hadoop follows some
 *       40 levels deep, listing the same images again at every level.</li>
 *   <li>Hidden entries (names starting with {@code .} or {@code _}, Spark's rule): only counted.</li>
 * </ul>
 * Reasons on a local file system come from core's {@link ImageFiles#check}, in the words of
 * {@code plankton classify}.
 */
final class UnlistedFiles {

    /** A path (qualified, as Spark prints paths) to report with an error instead of a prediction. */
    record Entry(String path, String reason) {
    }

    /**
     * @param errors    entries to add as error rows
     * @param loopLinks folder links that loop back to a folder containing them: what Spark lists
     *                  below them is left out (each link is one of the errors)
     * @param hidden    hidden files and folders skipped (a folder counts once; it is not searched)
     */
    record Found(List<Entry> errors, List<String> loopLinks, long hidden) {
    }

    private UnlistedFiles() {
    }

    static Found under(String input, Configuration conf) throws IOException {
        Path root = new Path(input);
        FileSystem fs = root.getFileSystem(conf);
        root = fs.makeQualified(root);
        boolean local = "file".equals(root.toUri().getScheme());
        List<Entry> errors = new ArrayList<>();
        List<String> loops = new ArrayList<>();
        long hidden = 0;
        FileStatus top = fs.getFileStatus(root);
        if (!top.isDirectory()) {
            if (top.getLen() == 0) {
                errors.add(new Entry(root.toString(), emptyReason(top.getPath(), local)));
            }
            return new Found(errors, loops, hidden);
        }
        // listStatus folder by folder rather than listFiles(recursive): on local disks the latter
        // builds LocatedFileStatus objects, which load permissions by forking a process per file
        // (17 s for 5,000 files on the 2-core machine)
        Deque<Path> dirs = new ArrayDeque<>(List.of(root));
        while (!dirs.isEmpty()) {
            Path dir = dirs.pop();
            FileStatus[] listed = fs.listStatus(dir);
            if (local) {
                errors.addAll(droppedByHadoop(dir, listed));
            }
            for (FileStatus f : listed) {
                String name = f.getPath().getName();
                if (name.startsWith(".") || name.startsWith("_")) {
                    hidden++; // as for Spark's listing, which skips them
                } else if (f.isDirectory()) {
                    Optional<String> loop = local ? loopOf(f.getPath()) : Optional.empty();
                    if (loop.isPresent()) {
                        loops.add(f.getPath().toString());
                        errors.add(new Entry(f.getPath().toString(), loop.get()));
                    } else {
                        dirs.push(f.getPath());
                    }
                } else if (f.getLen() == 0) {
                    errors.add(new Entry(f.getPath().toString(), emptyReason(f.getPath(), local)));
                }
            }
        }
        return new Found(errors, loops, hidden);
    }

    /** Names in a local folder that Hadoop's listing of it left out, with the reason each is unusable. */
    private static List<Entry> droppedByHadoop(Path dir, FileStatus[] listed) throws IOException {
        Set<String> seen = new HashSet<>();
        for (FileStatus f : listed) {
            seen.add(f.getPath().getName());
        }
        List<Entry> dropped = new ArrayList<>();
        try (DirectoryStream<java.nio.file.Path> s = Files.newDirectoryStream(Paths.get(dir.toUri()))) {
            for (java.nio.file.Path p : s) {
                String name = p.getFileName().toString();
                if (seen.contains(name) || name.startsWith(".") || name.startsWith("_")) {
                    continue;
                }
                String reason = ImageFiles.check(p).map(SkippedFile::reason)
                        .orElse("left out of Hadoop's listing of " + dir);
                dropped.add(new Entry(new Path(dir, new Path(null, null, name)).toString(), reason));
            }
        }
        return dropped;
    }

    /** For a local folder that is a link to a folder containing it: why it is not followed. */
    private static Optional<String> loopOf(Path dir) throws IOException {
        java.nio.file.Path p = Paths.get(dir.toUri());
        if (!Files.isSymbolicLink(p)) {
            return Optional.empty();
        }
        java.nio.file.Path target = p.toRealPath();
        java.nio.file.Path parent = p.getParent().toRealPath();
        return parent.startsWith(target)
                ? Optional.of("symbolic link loop (leads back to a folder that contains it), not followed")
                : Optional.empty();
    }

    private static String emptyReason(Path file, boolean local) {
        if (local) {
            // a named pipe or device looks like an empty file to Hadoop; never opened here
            Optional<SkippedFile> problem = ImageFiles.check(Paths.get(file.toUri()));
            if (problem.isPresent()) {
                return problem.get().reason();
            }
        }
        return NotAnImage.reason(new byte[0]);
    }
}
