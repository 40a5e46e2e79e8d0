package org.plankton.spark;

import org.plankton.core.output.AbundanceTable;

/**
 * The sample an image belongs to: the name of the folder {@code level} levels above the file
 * ({@code 1} = the folder holding it), by core's rule ({@link AbundanceTable#sampleFolder}), so
 * Spark's {@code sample_id} and {@code classify --counts} agree. Here only the Hadoop path or URI
 * is turned into a plain path first.
 */
public final class SampleId {

    private SampleId() {
    }

    /**
     * @param path  a file path or URI as Spark's {@code binaryFile} source reports it
     *              ({@code file:/data/tow7/img1.jpg}, {@code hdfs://nn/data/...})
     * @param level folders above the file, at least 1
     * @return the folder name, or {@code null} when the path has fewer folders than that
     */
    public static String of(String path, int level) {
        return AbundanceTable.sampleFolder(pathPart(path), level);
    }

    /**
     * The path part without scheme and authority. Through Hadoop's {@code Path}, because the
     * strings Spark reports are Hadoop paths, which are not URI-escaped (a space stays a space).
     */
    private static String pathPart(String path) {
        try {
            return new org.apache.hadoop.fs.Path(path).toUri().getPath();
        } catch (IllegalArgumentException e) {
            return path; // not a valid Hadoop path: split the string as it is
        }
    }
}
