package org.plankton.core.resume;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.plankton.core.data.ClassList;
import org.plankton.core.output.ProbabilityCsvWriter;

/**
 * Opens a classification's output, fresh or resumed from its {@code .part}, and says which listed
 * images are left to classify.
 *
 * <p>Fresh: the earlier part, errors part and record are removed first, then the record is written
 * before any row, so a part on disk always has the record of the run that wrote it (never a newer
 * run's record over an older run's rows, nor an older run's failures beside newer rows).
 * Resumed: the record must match (else {@link ResumeRefused}), the part is cut back to its
 * {@link ResumePoint} and appended to. {@code --resume} with no part starts fresh with a note, so
 * that a script can always pass it. Either way the record stays locked while the run writes
 * ({@link RecordLock}): one writer per output.
 */
public final class PartialRun implements AutoCloseable {

    private final ProbabilityCsvWriter writer;
    private final ResumePoint point;
    private final RecordLock lock;

    private PartialRun(ProbabilityCsvWriter writer, ResumePoint point, RecordLock lock) {
        this.writer = writer;
        this.point = point;
        this.lock = lock;
    }

    /**
     * @param record what this run is; compared with the part's record when resuming
     * @param chunk  files per network batch of the classifier
     * @param notes  where one-line notes go (standard error)
     * @throws ResumeRefused         when resuming a part another model or other settings wrote
     * @throws IllegalStateException when another run is writing the same part
     */
    public static PartialRun open(Path target, Path errorsTarget, ClassList classes, RunRecord record, boolean resume,
                                  List<Path> listed, int chunk, PrintStream notes) throws IOException {
        Path part = ProbabilityCsvWriter.partOf(target);
        Path errorsPart = ProbabilityCsvWriter.partOf(errorsTarget);
        Path sidecar = RunRecord.sidecarOf(part);
        boolean resuming = resume && Files.exists(part);
        if (resume && !resuming) {
            notes.println("note: no " + part + " to resume: classifying from the start");
        }
        if (resuming && !Files.exists(sidecar)) {
            throw new ResumeRefused("cannot resume " + part + ": no " + sidecar.getFileName() + " records the model "
                    + "and settings that wrote it (an older plankton?); rerun without --resume to start over");
        }
        Path folder = part.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder); // --out may name a folder not made yet; the lock file goes there first
        }
        RecordLock lock = RecordLock.acquire(sidecar, part);
        try {
            if (resuming) {
                PartialRun resumed = resume(target, errorsTarget, classes, record, listed, chunk, notes, lock);
                if (resumed != null) {
                    return resumed;
                }
                notes.println("note: " + part + " holds no complete header: classifying from the start");
            } else if (Files.exists(part)) {
                notes.println("note: replacing " + part + " left by an unfinished run (--resume would continue it)");
            }
            Files.deleteIfExists(part);
            Files.deleteIfExists(errorsPart);
            lock.write(record.toJson());
            return new PartialRun(ProbabilityCsvWriter.open(target, errorsTarget, classes), null, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The resumed run, or null when the part holds nothing to keep. */
    private static PartialRun resume(Path target, Path errorsTarget, ClassList classes, RunRecord record,
                                     List<Path> listed, int chunk, PrintStream notes, RecordLock lock) throws IOException {
        Path part = ProbabilityCsvWriter.partOf(target);
        RunRecord earlier = RunRecord.parse(lock.read(), RunRecord.sidecarOf(part));
        List<String> differences = record.differencesFrom(earlier);
        if (!differences.isEmpty()) {
            throw new ResumeRefused("cannot resume " + part + ", it was written with other settings: "
                    + String.join("; ", differences) + " (rerun with the earlier ones, or without --resume to start over)");
        }
        for (String n : record.notesAgainst(earlier)) {
            notes.println("note: resuming although " + n);
        }
        ResumePoint p = ResumePoint.find(part, ProbabilityCsvWriter.partOf(errorsTarget),
                ProbabilityCsvWriter.header(classes), classes.size(), listed, chunk);
        if (p.empty()) {
            return null;
        }
        p.truncate();
        notes.println(describe(part, p, listed.size()));
        return new PartialRun(ProbabilityCsvWriter.resume(target, errorsTarget, classes, p.rows()), p, lock);
    }

    private static String describe(Path part, ResumePoint p, int total) {
        long recomputed = p.rowsFound() - p.rows();
        return String.format("resuming %s: %d of %d images done, %d rows kept%s%s", part, p.images(), total, p.rows(),
                recomputed > 0 ? ", " + recomputed + " after the last whole batch computed again" : "",
                p.partialLine() ? ", a partial last row cut off" : "");
    }

    public ProbabilityCsvWriter writer() {
        return writer;
    }

    /** Listed images an earlier run finished: the first this many are skipped. */
    public int done() {
        return point == null ? 0 : point.images();
    }

    /**
     * Writes the earlier run's decode failures among the done images to the errors file again (call
     * after the listing's own errors, as a fresh run orders them) and returns how many.
     */
    public int rewriteFailures() throws IOException {
        if (point == null) {
            return 0;
        }
        for (List<String> f : point.failures()) {
            writer.error(f.get(0), f.get(1));
        }
        return point.failures().size();
    }

    /** Hands the kept rows to {@code consumer} (per-sample counts); nothing for a fresh run. */
    public void replay(ResumePoint.RowConsumer consumer) throws IOException {
        if (point != null) {
            point.replay(consumer);
        }
    }

    /** Closes the writer, then lets go of the output (the record is gone already if the writer committed). */
    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            lock.close();
        }
    }
}
