package org.plankton.spark;

/**
 * The sample an image belongs to: the name of the folder {@code level} levels above the file
 * ({@code 1} = the folder holding it). Instruments write one folder per sample (a cast, a tow, a
 * station), sometimes with sub-folders per hour or camera, hence the configurable level.
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
        if (level < 1) {
            throw new IllegalArgumentException("sample level must be >= 1, got " + level);
        }
        String[] parts = pathPart(path).split("/");
        int nonEmpty = 0;
        // walk from the file name upwards, skipping empty segments ("//", a trailing "/")
        for (int i = parts.length - 1; i >= 0; i--) {
            if (parts[i].isEmpty()) {
                continue;
            }
            if (nonEmpty == level) {
                return parts[i];
            }
            nonEmpty++;
        }
        return null;
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
