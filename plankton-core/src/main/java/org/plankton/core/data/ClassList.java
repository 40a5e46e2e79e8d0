package org.plankton.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered class names of a model. Index {@code i} of a probability vector is {@code name(i)}.
 * Names are sorted (String natural order) so indices do not depend on file-system listing order.
 */
public final class ClassList {

    private final List<String> names;
    private final Map<String, Integer> index;

    private ClassList(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a class list needs at least one class");
        }
        this.names = List.copyOf(names);
        this.index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null || n.isBlank() || n.contains("\n") || n.contains("\r")) {
                throw new IllegalArgumentException("invalid class name at index " + i + ": '" + n + "'");
            }
            if (index.put(n, i) != null) {
                throw new IllegalArgumentException("duplicate class name: '" + n + "'");
            }
        }
    }

    /** Sorted, de-duplicated class list from any collection of names. */
    public static ClassList of(Collection<String> names) {
        List<String> sorted = new ArrayList<>(new HashSet<>(names));
        sorted.sort(null);
        return new ClassList(sorted);
    }

    /** Class list in exactly the given order (as stored in a model's classes.txt). */
    public static ClassList ordered(List<String> names) {
        return new ClassList(names);
    }

    /** Reads one class name per line (UTF-8), in index order; blank trailing lines are ignored. */
    public static ClassList read(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return new ClassList(lines);
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, String.join("\n", names) + "\n", StandardCharsets.UTF_8);
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public List<String> names() {
        return names;
    }

    public Optional<Integer> find(String name) {
        return Optional.ofNullable(index.get(name));
    }

    /** Index of a class name; throws naming the unknown class. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown class '" + name + "' (model has " + names.size() + " classes)");
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassList c && c.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "ClassList" + names;
    }
}
