package org.plankton.spark;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder of a run, replaced as a whole: the job writes everything into a hidden
 * sibling ({@code .NAME.tmp-<uuid>}, ignored by Spark readers because of the dot), and only when
 * all of it is written does {@link #commit()} swap it in with two renames. A run that fails or is
 * killed at any point leaves the previous result untouched (plus, if killed, a hidden temporary
 * folder that the next run of the same output removes; if killed between the two renames, the next
 * run first puts the newest complete result back); readers never see a mix of two runs.
 *
 * <p>Two runs writing the same output at the same time are not supported: the later one removes
 * the earlier one's temporary folder.
 *
 * <p>The swap is atomic per rename on HDFS and local disks; on object stores such as S3, where a
 * rename is a copy, write to HDFS or a local disk and copy, or accept a non-atomic replace.
 *
 * <p>To avoid deleting something that is not ours, an existing folder is only replaced if it
 * holds the {@link #MARKER} file of an earlier run, or is empty.
 */
final class OutputFolder {

    /** Written last into every result; its presence makes a folder ours to replace. */
    static final String MARKER = "plankton-spark.json";

    private final FileSystem fs;
    private final Path target;
    private final Path temp;

    private OutputFolder(FileSystem fs, Path target, Path temp) {
        this.fs = fs;
        this.target = target;
        this.temp = temp;
    }

    /** Checks that {@code output} may be (re)placed and picks the temporary folder next to it. */
    static OutputFolder prepare(String output, Configuration conf) throws IOException {
        Path raw = new Path(output);
        FileSystem fs = raw.getFileSystem(conf);
        Path target = fs.makeQualified(raw);
        if (target.getParent() == null) {
            throw new IllegalArgumentException("output must not be a file system root: " + output);
        }
        if (fs.exists(target)) {
            FileStatus st = fs.getFileStatus(target);
            if (!st.isDirectory()) {
                throw new IllegalArgumentException("output " + target + " exists and is a file");
            }
            if (!fs.exists(new Path(target, MARKER)) && fs.listStatus(target).length > 0) {
                throw new IllegalArgumentException("output " + target + " exists and is not the result of an "
                        + "earlier spark-classify run (no " + MARKER + "); refusing to replace it");
            }
        }
        fs.mkdirs(target.getParent()); // --out may name a folder in a folder that does not exist yet
        removeLeftovers(fs, target);
        Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        return new OutputFolder(fs, target, temp);
    }

    /**
     * Cleans up after runs of this output that were killed before they could. A run killed inside
     * {@link #commit()}, between its two renames, leaves no result at all: its complete new result in
     * the {@code .tmp-} folder (complete because the marker is written last) and the previous one in
     * the {@code .old-} folder. Then the newest complete result is put back first (the new one, else the
     * previous one), and only what is left over is deleted: a result is never lost to a crash.
     */
    static void removeLeftovers(FileSystem fs, Path target) throws IOException {
        FileStatus[] temps = siblings(fs, target, ".tmp-");
        FileStatus[] olds = siblings(fs, target, ".old-");
        if (!fs.exists(target)) {
            Path restore = newestComplete(fs, temps);
            if (restore == null) {
                restore = newestComplete(fs, olds);
            }
            if (restore != null && !fs.rename(restore, target)) {
                throw new IOException("cannot restore the result " + restore + " of an interrupted run to " + target);
            }
        }
        for (FileStatus s : temps) {
            fs.delete(s.getPath(), true); // a restored one is gone already: delete returns false
        }
        for (FileStatus s : olds) {
            fs.delete(s.getPath(), true);
        }
    }

    private static FileStatus[] siblings(FileSystem fs, Path target, String kind) throws IOException {
        String prefix = "." + target.getName() + kind;
        return fs.listStatus(target.getParent(), p -> p.getName().startsWith(prefix));
    }

    private static Path newestComplete(FileSystem fs, FileStatus[] candidates) throws IOException {
        Path best = null;
        long bestTime = Long.MIN_VALUE;
        for (FileStatus s : candidates) {
            Path marker = new Path(s.getPath(), MARKER);
            if (s.isDirectory() && fs.exists(marker)) {
                long t = fs.getFileStatus(marker).getModificationTime();
                if (t > bestTime) {
                    best = s.getPath();
                    bestTime = t;
                }
            }
        }
        return best;
    }

    FileSystem fileSystem() {
        return fs;
    }

    Path target() {
        return target;
    }

    /** Where this run writes; becomes {@link #target()} on commit. */
    Path temp() {
        return temp;
    }

    /** Swaps the finished temporary folder in, then deletes the previous result. */
    void commit() throws IOException {
        Path old = null;
        if (fs.exists(target)) {
            old = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
            if (!fs.rename(target, old)) {
                throw new IOException("cannot move the previous result " + target + " aside to " + old);
            }
        }
        if (!fs.rename(temp, target)) {
            if (old != null) {
                fs.rename(old, target); // put the previous result back rather than leave nothing
            }
            throw new IOException("cannot rename " + temp + " to " + target);
        }
        if (old != null) {
            fs.delete(old, true);
        }
    }

    /** Removes the temporary folder of a run that did not finish. */
    void abort() {
        try {
            fs.delete(temp, true);
        } catch (IOException e) {
            // best effort: the next run of this output removes it
        }
    }
}
