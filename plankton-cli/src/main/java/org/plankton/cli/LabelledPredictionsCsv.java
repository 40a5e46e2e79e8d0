package org.plankton.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.plankton.core.data.ClassList;
import org.plankton.core.data.Csv;

/**
 * {@code evaluate --predictions}: {@code image,label,<class 1>,...} for every scored image, written
 * to {@code FILE.part} and renamed when complete, so a failed run never leaves a file that looks
 * whole.
 */
final class LabelledPredictionsCsv implements AutoCloseable {

    private final Path target;
    private final Path part;
    private final ClassList classes;
    private final BufferedWriter out;
    private boolean committed;

    private LabelledPredictionsCsv(Path target, ClassList classes) throws IOException {
        this.target = target;
        this.part = target.resolveSibling(target.getFileName() + ".part");
        this.classes = classes;
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder("image,label");
        for (String c : classes.names()) {
            header.append(',').append(Csv.quote(c));
        }
        out.write(header.append('\n').toString());
    }

    static LabelledPredictionsCsv open(Path target, ClassList classes) throws IOException {
        return new LabelledPredictionsCsv(target, classes);
    }

    void row(Path image, int label, float[] probabilities) throws IOException {
        StringBuilder sb = new StringBuilder(32 + probabilities.length * 12).append(Csv.quote(image.toString()))
                .append(',').append(Csv.quote(classes.name(label)));
        for (float p : probabilities) {
            sb.append(',').append(p); // shortest exact form: nothing rounded to 0
        }
        out.write(sb.append('\n').toString());
    }

    void commit() throws IOException {
        out.close();
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            out.close();
            Files.deleteIfExists(part);
        }
    }
}
