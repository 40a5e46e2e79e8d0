package org.plankton.core.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.plankton.core.data.ClassList;
import org.plankton.core.data.Csv;

/**
 * Writes one CSV row of all class probabilities per image, and unreadable images with their reason
 * to a separate errors CSV ({@code image,error}).
 *
 * <p>Rows go to {@code <file>.part} and are flushed after each batch, so a run that dies keeps what
 * it finished; {@link #commit()} renames the parts into place atomically. A file at the final name
 * is therefore always complete. {@link #resume} continues such a part (see
 * {@link org.plankton.core.resume}).
 */
public final class ProbabilityCsvWriter implements AutoCloseable {

    private final Path target;
    private final Path errorsTarget;
    private final Path part;
    private final Path errorsPart;
    private final BufferedWriter rowsOut;
    private final int numClasses;
    private BufferedWriter errorsOut;
    private long rows;
    private long failures;
    private boolean committed;

    private ProbabilityCsvWriter(Path target, Path errorsTarget, ClassList classes, long keptRows) throws IOException {
        this.target = target;
        this.errorsTarget = errorsTarget;
        this.part = partOf(target);
        this.errorsPart = partOf(errorsTarget);
        this.numClasses = classes.size();
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (keptRows < 0) {
            this.rowsOut = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
            rowsOut.write(header(classes) + "\n");
        } else {
            this.rowsOut = Files.newBufferedWriter(part, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            this.rows = keptRows;
        }
    }

    public static ProbabilityCsvWriter open(Path target, Path errorsTarget, ClassList classes) throws IOException {
        return new ProbabilityCsvWriter(target, errorsTarget, classes, -1);
    }

    /**
     * Appends to an existing {@code .part} that holds the header and {@code keptRows} whole rows
     * (see {@link org.plankton.core.resume.ResumePoint#truncate}); the errors part starts afresh,
     * its kept lines written again by the caller.
     */
    public static ProbabilityCsvWriter resume(Path target, Path errorsTarget, ClassList classes, long keptRows)
            throws IOException {
        if (keptRows < 0) {
            throw new IllegalArgumentException("kept rows must be >= 0, got " + keptRows);
        }
        return new ProbabilityCsvWriter(target, errorsTarget, classes, keptRows);
    }

    /** The header line, without line end: {@code image,<class 1>,...} ({@link ProbabilityCsv}). */
    public static String header(ClassList classes) {
        return ProbabilityCsv.header(classes, "image");
    }

    /** Where rows go until {@link #commit()}: {@code <target>.part}. */
    public static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    public void row(String image, float[] probabilities) throws IOException {
        if (probabilities.length != numClasses) {
            throw new IllegalArgumentException("expected " + numClasses + " probabilities for " + image + ", got "
                    + probabilities.length);
        }
        rowsOut.write(ProbabilityCsv.row(probabilities, image) + "\n");
        rows++;
    }

    public void error(String image, String reason) throws IOException {
        if (errorsOut == null) {
            errorsOut = Files.newBufferedWriter(errorsPart, StandardCharsets.UTF_8);
            errorsOut.write("image,error\n");
        }
        errorsOut.write(Csv.quote(image) + "," + Csv.quote(reason) + "\n");
        failures++;
    }

    /** Pushes finished rows to the operating system (call after each batch). */
    public void flush() throws IOException {
        rowsOut.flush();
        if (errorsOut != null) {
            errorsOut.flush();
        }
    }

    /** Closes the parts and moves them to their final names; stale errors files are removed. */
    public void commit() throws IOException {
        rowsOut.close();
        if (errorsOut != null) {
            errorsOut.close();
            Files.move(errorsPart, errorsTarget, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(errorsTarget);
            Files.deleteIfExists(errorsPart); // an interrupted run's, when the resumed one found no errors
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // the record of what wrote the part (for --resume) goes after it: a kill in between leaves a
        // stray record, never a part without one
        Files.deleteIfExists(part.resolveSibling(part.getFileName() + ".json")); // RunRecord.sidecarOf
        committed = true;
    }

    public long rows() {
        return rows;
    }

    public long failures() {
        return failures;
    }

    public boolean committed() {
        return committed;
    }

    /** Without {@link #commit()}, the {@code .part} files stay on disk with every finished row. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            rowsOut.close();
            if (errorsOut != null) {
                errorsOut.close();
            }
        }
    }
}
