package org.plankton.core.data;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset listed in a CSV file with a header naming the columns {@code path} and {@code label}
 * (any order, extra columns ignored, UTF-8, byte-order mark tolerated, RFC 4180 quoting).
 * Relative paths are resolved against the CSV file's folder, so a manifest can travel with its
 * images; absolute paths are used as they are.
 *
 * <p>The class list is the sorted distinct labels of all well-formed rows, including rows whose
 * file is missing: class indices must not depend on which files happen to be present. Samples
 * keep the manifest's row order (the user's choice; splits sort anyway). Every row that cannot be
 * used is reported with its line number: malformed rows, missing or unreadable files, files whose
 * content is not an image (the file is named, so its name is not checked, its first bytes are),
 * duplicates, and (against a model) labels the model does not know. Path and label fields are stripped of surrounding
 * whitespace, which spreadsheets add and file names practically never have.
 */
public final class ManifestDataset {

    private record Entry(int line, Path path, String label) {
    }

    private ManifestDataset() {
    }

    /** Reads a training manifest; the class list is the sorted distinct labels. */
    public static LabelledDataset read(Path csv) throws IOException {
        return read(csv, Optional.empty());
    }

    /** Reads an evaluation manifest against a model's classes; unknown labels are skipped. */
    public static LabelledDataset read(Path csv, ClassList modelClasses) throws IOException {
        if (modelClasses == null) {
            throw new IllegalArgumentException("modelClasses must not be null");
        }
        return read(csv, Optional.of(modelClasses));
    }

    private static LabelledDataset read(Path csv, Optional<ClassList> model) throws IOException {
        if (csv == null) {
            throw new IllegalArgumentException("manifest path must not be null");
        }
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(csv.toString(), null, "no manifest file here");
        }
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IOException(csv + " is not valid UTF-8 text", e);
        }
        List<Csv.Row> rows = Csv.parse(text);
        if (rows.isEmpty()) {
            throw new IOException(csv + " is empty (expected a header 'path,label' and one row per image)");
        }
        Csv.Row header = rows.get(0);
        int pathCol = column(header, "path");
        int labelCol = column(header, "label");
        if (pathCol < 0 || labelCol < 0) {
            throw new IOException(csv + ": header must name the columns 'path' and 'label', got '"
                    + String.join(",", header.fields()) + "'");
        }
        int needed = Math.max(pathCol, labelCol) + 1;
        Path base = csv.getParent() == null ? Path.of("") : csv.getParent();

        List<SkippedFile> skipped = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            if (row.isBlank()) {
                continue;
            }
            String problem = null;
            if (row.unterminated()) {
                problem = "unterminated quoted field";
            } else if (row.fields().size() < needed) {
                problem = "expected at least " + needed + " fields, got " + row.fields().size();
            }
            String pathText = problem == null ? row.fields().get(pathCol).strip() : "";
            String label = problem == null ? row.fields().get(labelCol).strip() : "";
            if (problem == null && pathText.isEmpty()) {
                problem = "empty path";
            } else if (problem == null && label.isEmpty()) {
                problem = "empty label";
            } else if (problem == null && (label.contains("\n") || label.contains("\r"))) {
                problem = "label contains a line break";
            }
            Path path = null;
            if (problem == null) {
                try {
                    path = base.resolve(pathText);
                } catch (InvalidPathException e) {
                    problem = "invalid path '" + pathText + "': " + e.getReason();
                }
            }
            if (problem != null) {
                skipped.add(new SkippedFile(csv, SkippedFile.Kind.UNUSED, "line " + row.line() + ": " + problem));
            } else {
                entries.add(new Entry(row.line(), path, label));
            }
        }
        if (model.isEmpty() && entries.isEmpty()) {
            throw new IOException(csv + " has no usable rows (" + skipped.size() + " malformed)");
        }
        ClassList classes = model.orElseGet(() -> ClassList.of(entries.stream().map(Entry::label).toList()));

        List<Sample> samples = new ArrayList<>();
        Map<Path, Integer> firstLine = new HashMap<>();
        for (Entry e : entries) {
            Optional<Integer> label = classes.find(e.label());
            String where = "line " + e.line() + ": ";
            Optional<SkippedFile> problem = label.isEmpty() ? Optional.empty() : ImageFiles.check(e.path());
            if (label.isEmpty()) {
                skipped.add(new SkippedFile(e.path(), SkippedFile.Kind.UNUSED,
                        where + "label '" + e.label() + "' is not a class of the model"));
            } else if (problem.isPresent()) {
                SkippedFile p = problem.get();
                skipped.add(new SkippedFile(p.path(), p.kind(), where + p.reason()));
            } else {
                Integer earlier = firstLine.putIfAbsent(e.path().toAbsolutePath().normalize(), e.line());
                if (earlier != null) {
                    skipped.add(new SkippedFile(e.path(), SkippedFile.Kind.UNUSED, where + "duplicate of line " + earlier));
                } else {
                    samples.add(new Sample(e.path(), label.get()));
                }
            }
        }
        return new LabelledDataset(classes, samples, skipped);
    }

    private static int column(Csv.Row header, String name) {
        List<String> f = header.fields();
        for (int i = 0; i < f.size(); i++) {
            if (f.get(i).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
