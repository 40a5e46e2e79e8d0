package org.plankton.spark;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Zero-byte image files under the input. Spark's file sources drop empty files when they list a
 * folder (SPARK-26161, SPARK-27291), so the {@code binaryFile} source never shows them; but an
 * empty {@code .jpg} is exactly the kind of bad file (a camera that crashed mid-write) that must
 * appear in the output with an error. Found by a second, driver-side listing that reads only
 * file sizes (one name-node or object-store listing, no file contents).
 */
final class EmptyFiles {

    private EmptyFiles() {
    }

    /**
     * Paths (qualified, as Spark prints them) of empty files with an image extension, skipping
     * hidden files and folders (names starting with {@code .} or {@code _}) as Spark does.
     */
    static List<String> under(String input, Configuration conf) throws IOException {
        Path root = new Path(input);
        FileSystem fs = root.getFileSystem(conf);
        root = fs.makeQualified(root);
        List<String> empty = new ArrayList<>();
        FileStatus top = fs.getFileStatus(root);
        if (!top.isDirectory()) {
            return empty; // a single named file: Spark has already said what it thinks of it
        }
        // listStatus folder by folder rather than listFiles(recursive): on local disks the latter
        // builds LocatedFileStatus objects, which load permissions by forking a process per file
        // (17 s for 5,000 files on the 2-core machine)
        Deque<Path> dirs = new ArrayDeque<>(List.of(root));
        while (!dirs.isEmpty()) {
            for (FileStatus f : fs.listStatus(dirs.pop())) {
                String name = f.getPath().getName();
                if (name.startsWith(".") || name.startsWith("_")) {
                    continue; // hidden, as for Spark's listing
                }
                if (f.isDirectory()) {
                    dirs.push(f.getPath());
                } else if (f.getLen() == 0 && ClassifyJob.IMAGE_PATH.matcher(name).matches()) {
                    empty.add(f.getPath().toString());
                }
            }
        }
        return empty;
    }
}
