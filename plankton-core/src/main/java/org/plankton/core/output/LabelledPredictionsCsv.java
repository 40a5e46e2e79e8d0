package org.plankton.core.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.plankton.core.data.ClassList;

/**
 * {@code evaluate --predictions}: {@code image,label,<class 1>,...} for every scored image (the
 * {@link ProbabilityCsv} form, with the true label), written to {@code FILE.part} and renamed when
 * complete, so a failed run never leaves a file that looks whole.
 */
public final class LabelledPredictionsCsv implements AutoCloseable {

    private final Path target;
    private final Path part;
    private final ClassList classes;
    private final BufferedWriter out;
    private boolean committed;

    private LabelledPredictionsCsv(Path target, ClassList classes) throws IOException {
        this.target = target;
        this.part = ProbabilityCsvWriter.partOf(target);
        this.classes = classes;
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        out.write(ProbabilityCsv.header(classes, "image", "label") + "\n");
    }

    public static LabelledPredictionsCsv open(Path target, ClassList classes) throws IOException {
        return new LabelledPredictionsCsv(target, classes);
    }

    public void row(Path image, int label, float[] probabilities) throws IOException {
        out.write(ProbabilityCsv.row(probabilities, image.toString(), classes.name(label)) + "\n");
    }

    /** Closes the part and moves it to the final name. */
    public void commit() throws IOException {
        out.close();
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    /** Without {@link #commit()}, the part is deleted. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            out.close();
            Files.deleteIfExists(part);
        }
    }
}
