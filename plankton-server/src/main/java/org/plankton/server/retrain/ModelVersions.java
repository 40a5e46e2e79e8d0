package org.plankton.server.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The model versions a server can switch between: {@code v1} is the bundle it was started with (left
 * where it is), {@code v2, v3, ...} are retrained bundles under {@code <data dir>/models/}, each with
 * its {@link Provenance}. Versions are only ever added, so an older one can always be switched back to.
 */
public final class ModelVersions {

    public static final String ORIGINAL = "v1";
    static final String PROVENANCE = "provenance.json";
    /** The file naming the version last activated, so a restart serves it again. */
    static final String ACTIVE = "active";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A listed version: its folder and, for a retrained one, its provenance (null for v1). */
    public record Version(String version, Path directory, Provenance provenance) {
    }

    private final Path original;
    private final Path root;

    public ModelVersions(Path original, Path dataDir) {
        this.original = original;
        this.root = dataDir.resolve("models");
    }

    /** All versions, v1 first; a retrained folder without provenance (an unfinished job) is not one. */
    public List<Version> list() throws IOException {
        List<Version> out = new ArrayList<>();
        out.add(new Version(ORIGINAL, original, null));
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(p -> number(p.getFileName().toString()) > 1)
                    .sorted(Comparator.comparingInt(p -> number(p.getFileName().toString()))).toList()) {
                Path prov = d.resolve(PROVENANCE);
                if (Files.isRegularFile(prov)) {
                    out.add(new Version(d.getFileName().toString(), d, MAPPER.readValue(prov.toFile(), Provenance.class)));
                }
            }
        }
        return out;
    }

    public Optional<Version> find(String version) throws IOException {
        return list().stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /** The next free version's folder name, counting unfinished folders too so none is reused. */
    synchronized String next() throws IOException {
        int max = 1;
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                max = Math.max(max, dirs.mapToInt(p -> number(p.getFileName().toString())).max().orElse(1));
            }
        }
        return "v" + (max + 1);
    }

    Path directory(String version) {
        return root.resolve(version);
    }

    /**
     * Records {@code version} as the one to serve after a restart. Written to a temporary file and
     * moved over the old one, so a crash mid-write leaves the previous choice, never half a name.
     */
    void writeActive(String version) throws IOException {
        Files.createDirectories(root);
        Path tmp = Files.createTempFile(root, ACTIVE + "-", ".tmp");
        try {
            Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, root.resolve(ACTIVE), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, root.resolve(ACTIVE), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The version recorded by {@link #writeActive}: empty when none was ever activated.
     * IllegalStateException when the file is there but does not hold a version name (damaged).
     */
    Optional<String> readActive() throws IOException {
        Path f = root.resolve(ACTIVE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        String v = Files.readString(f, StandardCharsets.UTF_8).strip();
        if (!v.equals(ORIGINAL) && number(v) < 2) {
            throw new IllegalStateException(f + " does not name a model version (v1, v2, ...): '"
                    + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'");
        }
        return Optional.of(v);
    }

    void writeProvenance(Provenance p) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(directory(p.version()).resolve(PROVENANCE).toFile(), p);
    }

    private static int number(String name) {
        if (!name.matches("v[0-9]{1,6}")) {
            return -1;
        }
        return Integer.parseInt(name.substring(1));
    }
}
