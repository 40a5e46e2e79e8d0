package org.plankton.core.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plankton.core.data.ClassList;

/**
 * An ensemble of model bundles, usable wherever a model is. Layout: {@code ensemble.json}
 * (kind, format version, member folders and weights), {@code classes.txt}, {@code metrics.json},
 * and a copy of every member bundle under {@code members/<i>/}, so the folder is self-contained
 * and can be moved or shipped as one; or, for members written as linked ({@link EnsembleLayout#linked}),
 * a relative path to a bundle beside it, pinned by checksums ({@link EnsembleLinks}).
 *
 * @param directory the ensemble folder
 * @param classes   the class list every member shares
 * @param members   member bundle folders, in weight order
 * @param weights   blend weights, positive, summing to 1
 * @param metrics   validation metrics of the blend (free-form)
 * @param onnxSha256 SHA-256 of the ensemble's one-graph {@link ModelBundle#ONNX_FILE}, as recorded in
 *                   ensemble.json and checked on load; null when it has none (written without plankton-onnx)
 */
public record EnsembleBundle(Path directory, ClassList classes, List<Path> members, List<Double> weights,
                             Map<String, Object> metrics, String onnxSha256) {

    public static final String FILE = "ensemble.json";
    public static final String KIND = "plankton-ensemble";
    /** 2: members may be linked in place ({@link EnsembleLinks}); ensembles without links are still written as 1. */
    public static final int FORMAT_VERSION = 2;
    /**
     * Files an ensemble folder may hold for itself, beside its members, that no checksum covers and a
     * copy ({@code convert}) keeps: prediction sets fitted on the blend ({@code fit-sets}), a taxonomy,
     * the card.
     */
    public static final List<String> OWN_FILES = List.of("conformal.json", "taxonomy.csv", "MODEL_CARD.md");
    private static final String ONNX_FILE_KEY = "onnx_file";
    private static final String ONNX_SHA_KEY = "onnx_sha256";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public EnsembleBundle {
        members = List.copyOf(members);
        weights = List.copyOf(weights);
        if (members.isEmpty() || members.size() != weights.size()) {
            throw new IllegalArgumentException("an ensemble needs one weight per member, got " + members.size()
                    + " members and " + weights.size() + " weights");
        }
    }

    /** True when {@code dir} holds an ensemble rather than a single model. */
    public static boolean isEnsemble(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /**
     * Writes an ensemble atomically (temporary folder, then rename), copying the member bundles in.
     * Every member must be a readable bundle with the same class list.
     */
    public static EnsembleBundle write(Path target, List<Path> memberDirs, double[] weights,
                                       Map<String, Object> metrics) throws IOException, BundleException {
        return write(target, memberDirs, weights, metrics, EnsembleLayout.of(memberDirs));
    }

    /** As {@link #write(Path, List, double[], Map)}, laid out as {@code layout} says (sources, ONNX, own files, links). */
    public static EnsembleBundle write(Path target, List<Path> memberDirs, double[] weights,
                                       Map<String, Object> metrics, EnsembleLayout layout)
            throws IOException, BundleException {
        if (memberDirs.size() != weights.length || memberDirs.isEmpty()) {
            throw new IllegalArgumentException("need one weight per member: " + memberDirs.size() + " members, "
                    + weights.length + " weights");
        }
        ClassList classes = null;
        for (Path m : memberDirs) {
            ModelBundle b = BundleReader.read(m);
            if (classes == null) {
                classes = b.classes();
            } else if (!classes.equals(b.classes())) {
                throw new IllegalArgumentException("ensemble members must share one class list; " + m + " differs from "
                        + memberDirs.get(0));
            }
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve(target.getFileName() + ".tmp-" + AtomicFiles.randomSuffix());
        try {
            Files.createDirectory(temp);
            List<String> names = new ArrayList<>();
            List<Double> w = new ArrayList<>();
            Map<String, Object> pins = new LinkedHashMap<>();
            for (int i = 0; i < memberDirs.size(); i++) {
                String name;
                if (layout.linked().contains(i)) {
                    // Relative to the target; the temporary folder is its sibling, so the name resolves alike from both.
                    name = EnsembleLinks.relativeName(target, memberDirs.get(i));
                    pins.put(name, EnsembleLinks.pin(memberDirs.get(i)));
                } else {
                    name = "members/" + i;
                    copyTree(memberDirs.get(i), temp.resolve(name));
                }
                names.add(name);
                w.add(weights[i]);
            }
            classes.write(temp.resolve(ModelBundle.CLASSES_FILE));
            Files.writeString(temp.resolve(ModelBundle.METRICS_FILE), JSON.writeValueAsString(metrics));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("kind", KIND);
            // Linked members need a reader that knows them: version 2 then, so that an older one says so.
            manifest.put("format_version", pins.isEmpty() ? 1 : FORMAT_VERSION);
            manifest.put("members", names);
            manifest.put("weights", w);
            if (!pins.isEmpty()) {
                manifest.put(EnsembleLinks.KEY, pins);
            }
            manifest.put("sources", layout.sources());
            Optional<OnnxFileWriter> onnxWriter = layout.onnx() ? OnnxFileWriter.installed() : Optional.empty();
            if (onnxWriter.isPresent()) {
                // Members are complete in the temporary folder; the graph is written before the rename.
                Path file = temp.resolve(ModelBundle.ONNX_FILE);
                onnxWriter.get().write(new EnsembleBundle(temp, classes,
                        names.stream().map(n -> temp.resolve(n).normalize()).toList(), w, metrics, null), file);
                manifest.put(ONNX_FILE_KEY, ModelBundle.ONNX_FILE);
                manifest.put(ONNX_SHA_KEY, Sha256.of(file));
            }
            for (Map.Entry<String, byte[]> f : layout.ownFiles().entrySet()) {
                Files.write(temp.resolve(f.getKey()), f.getValue());
            }
            Files.writeString(temp.resolve(FILE), JSON.writeValueAsString(manifest));
            BundleWriter.moveIntoPlace(temp, target, parent.resolve(target.getFileName() + ".old-" + AtomicFiles.randomSuffix()));
        } catch (IOException | BundleException | RuntimeException e) {
            BundleWriter.deleteTree(temp);
            throw e;
        }
        return read(target);
    }

    /** True when some member is linked in place ({@link EnsembleLinks}) rather than held in the folder. */
    public boolean hasLinkedMembers() {
        Path own = directory.toAbsolutePath().normalize();
        return members.stream().anyMatch(m -> !m.toAbsolutePath().normalize().startsWith(own));
    }

    /**
     * Writes {@code target}: a copy of the ensemble at {@code from} with every member in it, linked ones
     * too, byte for byte, and its own files; for taking an ensemble where its linked members are not (a
     * Spark executor). No one-graph model.onnx: the onnx engine exports each member in memory.
     */
    public static EnsembleBundle copySelfContained(Path from, Path target) throws IOException, BundleException {
        EnsembleBundle e = read(from);
        List<String> sources = sources(from);
        return write(target, e.members(), e.weights().stream().mapToDouble(Double::doubleValue).toArray(), e.metrics(),
                EnsembleLayout.of(e.members()).withSources(sources.size() == e.members().size() ? sources
                        : e.members().stream().map(Path::toString).toList()).withOnnx(false).withOwnFiles(ownFiles(from)));
    }

    /** The ensemble's own files ({@link #OWN_FILES}) that {@code dir} holds, name to bytes. */
    public static Map<String, byte[]> ownFiles(Path dir) throws IOException {
        Map<String, byte[]> own = new LinkedHashMap<>();
        for (String name : OWN_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                own.put(name, Files.readAllBytes(dir.resolve(name)));
            }
        }
        return own;
    }

    /** Where the members were copied from, as ensemble.json records it (empty when it does not). */
    public static List<String> sources(Path dir) throws IOException {
        Object s = JSON.readValue(dir.resolve(FILE).toFile(), Map.class).get("sources");
        return s instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** Reads an ensemble; every member bundle is checked as {@link BundleReader} does. */
    @SuppressWarnings("unchecked")
    public static EnsembleBundle read(Path dir) throws BundleException {
        Map<String, Object> manifest;
        try {
            manifest = JSON.readValue(dir.resolve(FILE).toFile(), Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BundleException(dir, FILE + " is not valid JSON: " + BundleJson.describe(e), e);
        } catch (IOException e) {
            throw new BundleException(dir, FILE + " cannot be read: " + e, e);
        }
        if (!KIND.equals(manifest.get("kind"))) {
            throw new BundleException(dir, FILE + " has kind '" + manifest.get("kind") + "', expected '" + KIND + "'");
        }
        Object version = manifest.get("format_version");
        if (!(version instanceof Number v) || v.intValue() > FORMAT_VERSION) {
            throw new BundleException(dir, "ensemble format version " + version + " is not supported (this plankton reads "
                    + FORMAT_VERSION + ")");
        }
        try {
            List<Path> members = new ArrayList<>();
            Map<String, Object> pins = manifest.get(EnsembleLinks.KEY) instanceof Map<?, ?> l ? (Map<String, Object>) l : Map.of();
            for (Object name : (List<Object>) manifest.get("members")) {
                Path m = dir.resolve(String.valueOf(name)).normalize();
                if (!m.startsWith(dir.normalize())) {
                    EnsembleLinks.verify(dir, String.valueOf(name), m, pins.get(String.valueOf(name)));
                }
                members.add(m);
            }
            List<Double> weights = ((List<Object>) manifest.get("weights")).stream()
                    .map(x -> ((Number) x).doubleValue()).toList();
            ClassList classes = ClassList.read(dir.resolve(ModelBundle.CLASSES_FILE));
            for (Path m : members) {
                if (!BundleReader.read(m).classes().equals(classes)) {
                    throw new BundleException(dir, "member " + m + " does not have the ensemble's class list");
                }
            }
            Path metricsFile = dir.resolve(ModelBundle.METRICS_FILE);
            Map<String, Object> metrics = Files.exists(metricsFile) ? JSON.readValue(metricsFile.toFile(), Map.class) : Map.of();
            return new EnsembleBundle(dir, classes, members, weights, metrics, verifyOnnx(dir, manifest));
        } catch (IOException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new BundleException(dir, FILE + " is damaged: " + e, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        BundleWriter.copyTree(from, to);
    }

    /** The recorded SHA-256 after checking the file against it, or null when ensemble.json records no ONNX file. */
    private static String verifyOnnx(Path dir, Map<String, Object> manifest) throws BundleException, IOException {
        Object name = manifest.get(ONNX_FILE_KEY);
        if (name == null) {
            return null;
        }
        if (!ModelBundle.ONNX_FILE.equals(name)) {
            throw new BundleException(dir, FILE + " names ONNX file '" + name + "', expected '" + ModelBundle.ONNX_FILE + "'");
        }
        Path file = dir.resolve(ModelBundle.ONNX_FILE);
        String expected = String.valueOf(manifest.get(ONNX_SHA_KEY));
        if (!Files.isRegularFile(file)) {
            throw new BundleException(dir, "ONNX file " + file + " missing (" + FILE + " records it)");
        }
        String sha = Sha256.of(file);
        if (!sha.equals(expected)) {
            throw new BundleException(dir, "ONNX file " + file + " is damaged or stale: sha256 mismatch (" + FILE
                    + " says " + expected + ", file has " + sha + ")");
        }
        return sha;
    }
}
