package org.plankton.core.resume;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plankton.core.data.Csv;

/**
 * Which of the listed images a killed run's {@code .part} already holds, and where to cut it.
 *
 * <p>The writer emits one row per readable image (its decode failures go to the errors part) in
 * listing order, and a kill can land anywhere: mid-row (a buffered writer spills whenever its buffer
 * fills), or after rows whose failures never reached the errors part. So the part is read back
 * line by line, only whole lines of the right width count, and images are taken in listing order
 * while each one is either the next row or a recorded failure. That done prefix is then cut back to
 * a multiple of the classifier's chunk (files per network batch): the resumed run restarts at a
 * batch boundary, so every image is computed in the same batch as in an uninterrupted run (batch
 * composition can move the last bits of a float), and the finished CSV is the same byte for byte.
 */
public final class ResumePoint {

    /** Receives a kept row's image and probabilities (for per-sample counts). */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(Path image, float[] probabilities);
    }

    private final Path part;
    private final int images;
    private final long rows;
    private final long bytes;
    private final long rowsFound;
    private final boolean partialLine;
    private final List<List<String>> failures;

    private ResumePoint(Path part, int images, long rows, long bytes, long rowsFound, boolean partialLine,
                        List<List<String>> failures) {
        this.part = part;
        this.images = images;
        this.rows = rows;
        this.bytes = bytes;
        this.rowsFound = rowsFound;
        this.partialLine = partialLine;
        this.failures = List.copyOf(failures);
    }

    /**
     * Reads {@code part} (and {@code errorsPart} when it exists) against the listing.
     *
     * @param header     the header line the current run writes (without line end)
     * @param numClasses probabilities per row
     * @param chunk      files per network batch; the kept prefix is a multiple of it, or all images
     * @throws ResumeRefused when the part's header is not {@code header} (another class list)
     */
    public static ResumePoint find(Path part, Path errorsPart, String header, int numClasses, List<Path> listed,
                                   int chunk) throws IOException {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
        }
        Lines lines = Lines.read(part);
        if (lines.text.isEmpty()) { // killed before the header reached the disk: nothing to keep
            return new ResumePoint(part, 0, 0, 0, 0, lines.partial, List.of());
        }
        if (!lines.text.get(0).equals(header)) {
            throw new ResumeRefused(part + " has another header (class list) than this model's; rerun without --resume");
        }
        List<String> names = new ArrayList<>();
        for (String line : lines.text.subList(1, lines.text.size())) {
            List<Csv.Row> parsed = Csv.parse(line);
            // a file name with a line break splits a row: stop at it, the rest is computed again
            if (parsed.size() != 1 || parsed.get(0).unterminated() || parsed.get(0).fields().size() != numClasses + 1) {
                break;
            }
            names.add(parsed.get(0).fields().get(0));
        }
        Map<String, List<String>> failed = readFailures(errorsPart);
        int done = 0;
        int row = 0;
        int keptImages = 0;
        int keptRows = 0;
        int keptFailures = 0;
        List<List<String>> failures = new ArrayList<>();
        while (done < listed.size()) {
            String name = listed.get(done).toString();
            if (row < names.size() && names.get(row).equals(name)) {
                row++;
            } else if (failed.containsKey(name)) {
                failures.add(failed.get(name));
            } else {
                break;
            }
            done++;
            if (done % chunk == 0 || done == listed.size()) {
                keptImages = done;
                keptRows = row;
                keptFailures = failures.size();
            }
        }
        long cut = lines.ends[keptRows]; // ends[0] is the header's end
        return new ResumePoint(part, keptImages, keptRows, cut, names.size(), lines.partial,
                failures.subList(0, keptFailures));
    }

    private static Map<String, List<String>> readFailures(Path errorsPart) throws IOException {
        Map<String, List<String>> out = new HashMap<>();
        if (errorsPart == null || !Files.exists(errorsPart)) {
            return out;
        }
        List<String> lines = Lines.read(errorsPart).text;
        // the first line is the header "image,error", not an image named "image"
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            List<Csv.Row> parsed = Csv.parse(line);
            if (parsed.size() == 1 && !parsed.get(0).unterminated() && parsed.get(0).fields().size() == 2) {
                out.put(parsed.get(0).fields().get(0), parsed.get(0).fields());
            }
        }
        return out;
    }

    /** Listed images already done (rows or failures): a multiple of the chunk, or all of them. */
    public int images() {
        return images;
    }

    /** Rows kept (byte for byte). */
    public long rows() {
        return rows;
    }

    /** Whole rows found in the part, kept or not. */
    public long rowsFound() {
        return rowsFound;
    }

    /** Whether the part ended inside a row (killed mid-write); that piece is cut off. */
    public boolean partialLine() {
        return partialLine;
    }

    /** Whether the part holds nothing usable, not even its header. */
    public boolean empty() {
        return bytes == 0;
    }

    /** The kept failures as {@code [image, reason]}, in listing order, to write again to the errors file. */
    public List<List<String>> failures() {
        return failures;
    }

    /** Cuts the part to its kept rows: a partial row and the rows past the last whole batch go. */
    public void truncate() throws IOException {
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            ch.truncate(bytes);
            ch.force(true);
        }
    }

    /** Hands every kept row back (call before the part grows again): counts then cover all images. */
    public void replay(RowConsumer consumer) throws IOException {
        Lines lines = Lines.read(part);
        for (int r = 1; r <= rows; r++) {
            List<String> f = Csv.parse(lines.text.get(r)).get(0).fields();
            float[] p = new float[f.size() - 1];
            for (int c = 0; c < p.length; c++) {
                p[c] = Float.parseFloat(f.get(c + 1)); // exact: rows hold Float.toString's shortest form
            }
            consumer.accept(Path.of(f.get(0)), p);
        }
    }

    /** The complete lines of a file (UTF-8, '\n'-terminated) and the byte offset after each. */
    private static final class Lines {
        final List<String> text = new ArrayList<>();
        long[] ends = new long[16];
        boolean partial;

        static Lines read(Path file) throws IOException {
            Lines l = new Lines();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long offset = 0;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                for (int b; (b = in.read()) >= 0; ) {
                    offset++;
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    if (l.text.size() == l.ends.length) {
                        l.ends = java.util.Arrays.copyOf(l.ends, l.ends.length * 2);
                    }
                    l.ends[l.text.size()] = offset;
                    l.text.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            }
            l.partial = line.size() > 0;
            return l;
        }
    }
}
