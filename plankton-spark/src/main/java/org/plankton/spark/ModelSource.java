package org.plankton.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;

/**
 * Where an executor finds the model bundle. Sent with every task, so it holds strings only.
 *
 * @param shippedName file name of the zipped bundle registered with {@code SparkContext.addFile}
 *                    (found on each executor through {@link SparkFiles#get}), or {@code null}
 * @param sharedPath  a path that is valid on every executor (NFS, a node-local install), or
 *                    {@code null}; exactly one of the two is set
 */
public record ModelSource(String shippedName, String sharedPath) implements Serializable {

    public ModelSource {
        if ((shippedName == null) == (sharedPath == null)) {
            throw new IllegalArgumentException("exactly one of shipped name and shared path must be set, got "
                    + shippedName + " and " + sharedPath);
        }
    }

    public static ModelSource shipped(String name) {
        return new ModelSource(name, null);
    }

    /**
     * A path left as given: an absolute one names a shared or installed copy; a relative one is
     * resolved on each executor, which is what {@code spark-submit --archives model.zip#NAME}
     * needs (each container gets its own {@code NAME/}).
     */
    public static ModelSource shared(Path path) {
        return new ModelSource(null, path.normalize().toString());
    }

    /**
     * The bundle folder on this executor; a shipped zip is unpacked next to Spark's copy of it the
     * first time (callers hold {@link ExecutorModels}' lock, so once per executor).
     */
    Path localBundle() throws IOException {
        if (sharedPath != null) {
            Path p = Path.of(sharedPath);
            if (!p.isAbsolute() && !Files.isDirectory(p)) {
                // --archives unpacks into the container's working directory on YARN and into
                // SparkFiles' folder elsewhere: look there too
                Path inSparkFiles = Path.of(SparkFiles.get(sharedPath));
                if (Files.isDirectory(inSparkFiles)) {
                    return inSparkFiles;
                }
            }
            return p;
        }
        Path zip = Path.of(SparkFiles.get(shippedName));
        return BundleArchive.unpackOnce(zip, zip.resolveSibling(shippedName + ".d"));
    }

    /** A key that changes when the model does (the shipped name carries the content hash). */
    String key() {
        return sharedPath != null ? "shared:" + sharedPath : "shipped:" + shippedName;
    }
}
