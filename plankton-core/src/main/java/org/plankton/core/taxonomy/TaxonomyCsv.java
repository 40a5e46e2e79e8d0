package org.plankton.core.taxonomy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.plankton.core.bundle.AtomicFiles;
import org.plankton.core.data.ClassList;
import org.plankton.core.data.Csv;

/**
 * {@code taxonomy.csv}: a header {@code class,path}, then one row per class of the model, where
 * {@code path} lists the class's ancestor groups root-most first, separated by {@code /}, up to
 * its parent (not the class itself, not the root {@code all}); an empty path puts the class
 * directly under the root. Example: {@code copepod_calanoid_eucalanus,crustaceans/copepods/calanoids}.
 * Every class of the model must appear exactly once; a group must have the same parent wherever
 * it appears and may not share a name with a class.
 */
public final class TaxonomyCsv {

    private TaxonomyCsv() {
    }

    public static Taxonomy read(Path file, ClassList classes) throws IOException {
        List<Csv.Row> rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        List<List<String>> paths = new ArrayList<>(java.util.Collections.nCopies(classes.size(), null));
        boolean header = false;
        for (Csv.Row r : rows) {
            if (r.isBlank()) {
                continue;
            }
            if (!header) {
                if (!r.fields().equals(List.of("class", "path"))) {
                    throw error(file, r.line(), "expected the header class,path, got " + String.join(",", r.fields()));
                }
                header = true;
                continue;
            }
            if (r.unterminated() || r.fields().size() != 2) {
                throw error(file, r.line(), "expected 2 fields (class,path), got " + r.fields().size());
            }
            String name = r.fields().get(0);
            int c = classes.find(name).orElseThrow(() -> error(file, r.line(), "'" + name + "' is not a class of the model"));
            if (paths.get(c) != null) {
                throw error(file, r.line(), "class '" + name + "' listed twice");
            }
            String p = r.fields().get(1).strip();
            List<String> path = p.isEmpty() ? List.of() : Arrays.stream(p.split("/", -1)).map(String::strip).toList();
            if (path.stream().anyMatch(String::isEmpty)) {
                throw error(file, r.line(), "empty group name in path '" + p + "'");
            }
            paths.set(c, path);
        }
        if (!header) {
            throw new IOException(file + ": empty; expected a header class,path and one row per class");
        }
        for (int c = 0; c < classes.size(); c++) {
            if (paths.get(c) == null) {
                throw new IOException(file + ": class '" + classes.name(c) + "' of the model is missing");
            }
        }
        try {
            return new Taxonomy(classes, paths);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks a file's format and tree on its own, against the classes it names (the model's are not
     * known yet): {@code train --taxonomy} does this before hours of training, not after.
     */
    public static Taxonomy check(Path file) throws IOException {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Csv.Row r : Csv.parse(Files.readString(file, StandardCharsets.UTF_8))) {
            if (r.line() > 1 && !r.isBlank() && !r.fields().isEmpty() && !r.fields().get(0).isBlank()) {
                names.add(r.fields().get(0));
            }
        }
        if (names.isEmpty()) {
            throw new IOException(file + ": no classes listed; expected a header class,path and one row per class");
        }
        return read(file, ClassList.ordered(List.copyOf(names)));
    }

    private static IOException error(Path file, int line, String what) {
        return new IOException(file + " line " + line + ": " + what);
    }

    /** Writes a taxonomy in this format, atomically. */
    public static void write(Taxonomy t, Path file) throws IOException {
        AtomicFiles.writeString(file, format(t));
    }

    /** The file's text for a taxonomy. */
    public static String format(Taxonomy t) {
        StringBuilder sb = new StringBuilder("class,path\n");
        for (int c = 0; c < t.classes().size(); c++) {
            sb.append(Csv.line(List.of(t.classes().name(c), String.join("/", t.path(c))))).append('\n');
        }
        return sb.toString();
    }
}
