package org.plankton.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

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
        if (!fs.getFileStatus(root).isDirectory()) {
            return empty; // a single named file: Spark has already said what it thinks of it
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            if (f.getLen() == 0 && ClassifyJob.IMAGE_PATH.matcher(f.getPath().getName()).matches()
                    && !hidden(root, f.getPath())) {
                empty.add(f.getPath().toString());
            }
        }
        return empty;
    }

    private static boolean hidden(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }
}
