package org.plankton.core.resume;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plankton.core.bundle.AtomicFiles;

/**
 * What wrote a {@code .part} file, kept beside it as {@code <part>.json} (written before the first
 * row, removed when the part is renamed into place).
 *
 * <p>Two kinds of entries: <em>checked</em> ones (model checksums, inference settings, inputs,
 * header) must be equal for {@code --resume} to keep the rows, since a row computed under other
 * values would be a different result; <em>noted</em> ones (program version, threads) are reported
 * when they differ but do not stop a resume, because they do not change what a row means. Values
 * are stored as strings or lists of strings, so a record read back compares equal to one built
 * in memory.
 */
public final class RunRecord {

    /** Value of {@code kind}: tells our sidecar from any other JSON next to a CSV. */
    public static final String KIND = "plankton-classify-part";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> checked = new LinkedHashMap<>();
    private final Map<String, Object> noted = new LinkedHashMap<>();

    /** Adds an entry that must match for a resume; {@code value} is a string, number, boolean, null or collection. */
    public RunRecord check(String key, Object value) {
        checked.put(key, normalise(value));
        return this;
    }

    /** Adds an entry that is reported, not enforced, when it differs. */
    public RunRecord note(String key, Object value) {
        noted.put(key, normalise(value));
        return this;
    }

    public Map<String, Object> checked() {
        return java.util.Collections.unmodifiableMap(checked);
    }

    /**
     * The checked entries of {@code earlier} (the record of the run that wrote the part) that this
     * record does not have the same: one phrase each, e.g. {@code tta 1 then, 4 now}.
     */
    public List<String> differencesFrom(RunRecord earlier) {
        return compare(earlier.checked, checked);
    }

    /** As {@link #differencesFrom} for the noted entries. */
    public List<String> notesAgainst(RunRecord earlier) {
        return compare(earlier.noted, noted);
    }

    private static List<String> compare(Map<String, Object> then, Map<String, Object> now) {
        List<String> out = new ArrayList<>();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(now.keySet());
        keys.addAll(then.keySet());
        for (String key : keys) {
            Object a = then.get(key);
            Object b = now.get(key);
            if (!Objects.equals(a, b)) {
                out.add(key + " " + show(a) + " then, " + show(b) + " now");
            }
        }
        return out;
    }

    /** Long values (checksums, many inputs) shortened so the refusal stays one readable line. */
    private static String show(Object v) {
        String s = v == null ? "(none)" : v instanceof List<?> l && l.size() == 1 ? String.valueOf(l.get(0)) : v.toString();
        if (s.matches("[0-9a-f]{64}")) {
            return s.substring(0, 12);
        }
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static Object normalise(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return value.toString();
    }

    /** The sidecar of a part file: {@code <part>.json}. */
    public static Path sidecarOf(Path part) {
        return part.resolveSibling(part.getFileName() + ".json");
    }

    /** Writes the record atomically: a half-written sidecar would refuse a resume that is fine. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    /** The sidecar's content. */
    public String toJson() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", KIND);
        root.put("checked", checked);
        root.put("noted", noted);
        return JSON.writeValueAsString(root) + "\n";
    }

    /** Reads a sidecar; a ResumeRefused naming it when it is not one of ours or is damaged. */
    public static RunRecord read(Path file) throws IOException {
        return parse(java.nio.file.Files.readString(file), file);
    }

    /** Parses a sidecar's content; {@code file} names it in a ResumeRefused. */
    public static RunRecord parse(String json, Path file) throws IOException {
        Map<String, Object> root;
        try {
            root = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ResumeRefused(file + " is damaged (" + e.getOriginalMessage() + "); rerun without --resume");
        }
        if (!KIND.equals(root.get("kind")) || !(root.get("checked") instanceof Map<?, ?> c)) {
            throw new ResumeRefused(file + " is not a record of a plankton classify run; rerun without --resume");
        }
        RunRecord r = new RunRecord();
        c.forEach((k, v) -> r.check(k.toString(), v));
        if (root.get("noted") instanceof Map<?, ?> n) {
            n.forEach((k, v) -> r.note(k.toString(), v));
        }
        return r;
    }
}
