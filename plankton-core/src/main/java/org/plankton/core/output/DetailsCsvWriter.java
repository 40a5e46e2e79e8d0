package org.plankton.core.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.plankton.core.data.Csv;

/**
 * {@code classify --details FILE.csv}: one {@link ImageDetails} row per image, written to
 * {@code FILE.csv.part} and renamed into place by {@link #commit()} as the main CSV is.
 */
public final class DetailsCsvWriter implements AutoCloseable {

    private final Path target;
    private final Path part;
    private final BufferedWriter out;
    private boolean committed;

    private DetailsCsvWriter(Path target) throws IOException {
        this.target = target;
        this.part = target.resolveSibling(target.getFileName() + ".part");
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        out.write(Csv.line(ImageDetails.HEADER) + "\n");
    }

    public static DetailsCsvWriter open(Path target) throws IOException {
        return new DetailsCsvWriter(target);
    }

    public void row(ImageDetails details) throws IOException {
        out.write(Csv.line(details.cells()) + "\n");
    }

    public void flush() throws IOException {
        out.flush();
    }

    public void commit() throws IOException {
        out.close();
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
    }

    /** Without {@link #commit()}: the part file is left, as the main CSV's is. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            out.close();
        }
    }
}
