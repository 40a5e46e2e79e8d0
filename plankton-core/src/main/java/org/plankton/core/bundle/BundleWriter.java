package org.plankton.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes model bundles atomically. Everything goes into a sibling temporary folder
 * ({@code <dir>.tmp-<random>}, same parent so the final rename stays on one file system), each file
 * is flushed to disk, and {@code manifest.json} is written last, carrying the SHA-256 and size of
 * the weights: a folder without a manifest is never mistaken for a bundle, and a manifest always
 * describes complete weights. The folder is then renamed into place. An existing bundle is first
 * renamed aside ({@code <dir>.old-<random>}) and deleted only after the new one is in place, so at
 * every moment either the old or the new bundle is complete. If anything fails, the temporary
 * folder is deleted and the existing bundle is left untouched.
 */
public final class BundleWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BundleWriter.class);

    private BundleWriter() {
    }

    /**
     * Writes a bundle to {@code dir}, replacing a bundle already there.
     *
     * @throws IOException if writing fails, the weights writer fails or writes no file, or
     *                     {@code dir} exists and is neither a model bundle nor an empty folder
     *                     (never deletes a user's unrelated folder)
     */
    public static ModelBundle write(Path dir, BundleDraft draft, WeightsWriter weights) throws IOException {
        if (dir == null || draft == null || weights == null) {
            throw new IllegalArgumentException("dir, draft and weights writer must all be given");
        }
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null) {
            throw new IllegalArgumentException("a bundle cannot be a file-system root: " + dir);
        }
        checkReplaceable(target);
        Files.createDirectories(parent);
        String name = target.getFileName().toString();
        Path temp = parent.resolve(name + ".tmp-" + AtomicFiles.randomSuffix());
        Files.createDirectory(temp);
        BundleManifest manifest = fillAndMoveIntoPlace(temp, target, () -> writeContents(temp, draft, weights));
        return new ModelBundle(target, manifest, draft.classes(), draft.provenance(), draft.metrics());
    }

    /** Fills a bundle's temporary folder; what it returns describes the filled folder. */
    @FunctionalInterface
    private interface Filling<T> {
        T fill() throws IOException;
    }

    /**
     * Fills {@code temp} and renames it to {@code target}; on any failure the temporary folder is
     * deleted and {@code target} is left as it was.
     */
    private static <T> T fillAndMoveIntoPlace(Path temp, Path target, Filling<T> filling) throws IOException {
        try {
            T result = filling.fill();
            moveIntoPlace(temp, target, target.resolveSibling(target.getFileName() + ".old-" + AtomicFiles.randomSuffix()));
            return result;
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteTree(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Atomically replaces only {@code metrics.json} of an existing bundle, e.g. after evaluating
     * on a test set or fitting a calibrator. The weights and manifest are not touched.
     */
    public static void updateMetrics(Path dir, Map<String, Object> metrics) throws IOException {
        if (dir == null) {
            throw new IllegalArgumentException("bundle directory must be given");
        }
        Map<String, Object> frozen = Maps.frozen(metrics, "metrics");
        if (!Files.isRegularFile(dir.resolve(ModelBundle.MANIFEST_FILE))) {
            throw new NoSuchFileException(dir.toString(), null, "no model bundle here (manifest.json missing)");
        }
        AtomicFiles.writeString(dir.resolve(ModelBundle.METRICS_FILE), BundleJson.write(frozen));
    }

    static void checkReplaceable(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " exists and is not a folder (or is a symbolic link); refusing to replace it"
                    + " with a model bundle");
        }
        Path manifest = target.resolve(ModelBundle.MANIFEST_FILE);
        if (Files.isRegularFile(manifest)) {
            if (!isForeignManifest(manifest)) {
                return;
            }
            throw new IOException(target + " holds a manifest.json that is not a plankton model's; refusing to replace it");
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(target + " exists and is not a plankton model bundle (no manifest.json);"
                        + " refusing to replace it");
            }
        }
    }

    /**
     * True only for a readable JSON manifest of another kind. An unreadable one is most likely a
     * damaged plankton bundle, which the user is replacing on purpose.
     */
    private static boolean isForeignManifest(Path manifest) {
        try (InputStream in = Files.newInputStream(manifest)) {
            JsonNode kind = BundleJson.MAPPER.readTree(in).get("kind");
            return kind != null && !BundleManifest.KIND.equals(kind.asText());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static BundleManifest writeContents(Path temp, BundleDraft draft, WeightsWriter weights) throws IOException {
        Path weightsFile = temp.resolve(draft.weightsFileName());
        weights.write(weightsFile);
        if (!Files.isRegularFile(weightsFile)) {
            throw new IOException("the weights writer did not create " + weightsFile);
        }
        AtomicFiles.fsync(weightsFile);
        String sha = Sha256.of(weightsFile);
        long bytes = Files.size(weightsFile);

        writeSynced(temp.resolve(ModelBundle.CLASSES_FILE), String.join("\n", draft.classes().names()) + "\n");
        writeSynced(temp.resolve(ModelBundle.PROVENANCE_FILE), BundleJson.write(draft.provenance()));
        writeSynced(temp.resolve(ModelBundle.METRICS_FILE), BundleJson.write(draft.metrics()));
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, BundleManifest.KIND,
                draft.weightsFileName(), sha, bytes, draft.classes().size(), draft.preprocess(),
                draft.architecture(), Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), null, null, null, null);
        manifest = writeOnnx(new ModelBundle(temp, manifest, draft.classes(), draft.provenance(), draft.metrics()));
        writeSynced(temp.resolve(ModelBundle.MANIFEST_FILE), BundleJson.write(manifest));
        AtomicFiles.fsyncDirectory(temp);
        return manifest;
    }

    /**
     * Writes model.onnx into the (temporary) bundle folder when plankton-onnx is on the class path and
     * returns the manifest recording it; otherwise the manifest as it is, without ONNX keys.
     */
    private static BundleManifest writeOnnx(ModelBundle unfinished) throws IOException {
        Optional<OnnxFileWriter> writer = OnnxFileWriter.installed();
        if (writer.isEmpty()) {
            return unfinished.manifest().withOnnx(null, null);
        }
        Path file = unfinished.directory().resolve(ModelBundle.ONNX_FILE);
        try {
            writer.get().write(unfinished, file);
        } catch (BundleException e) {
            throw new IOException("cannot export the bundle as ONNX: " + e.getMessage(), e);
        }
        AtomicFiles.fsync(file);
        return unfinished.manifest().withOnnx(ModelBundle.ONNX_FILE, Sha256.of(file));
    }

    /** A change to a bundle's files, made in the copy that {@link #rewrite} renames into place. */
    @FunctionalInterface
    public interface BundleChange {
        void apply(Path copy) throws IOException;
    }

    /**
     * Rewrites a bundle's model.onnx and manifest after something the graph contains changed in place.
     * Prefer {@link #rewrite}, which makes the change itself part of the atomic replacement.
     */
    public static ModelBundle refreshOnnx(Path dir) throws IOException, BundleException {
        return rewrite(dir, copy -> { });
    }

    /**
     * Changes a bundle as a whole: it is copied to a temporary folder, {@code change} is applied there
     * (calibrate writes calibration.json and metrics.json, fit-domain domain.json, whose SHA-256 the manifest
     * then records), model.onnx is exported anew (the graph
     * holds the temperature) and the manifest written last, and the copy is renamed into place like a
     * new bundle. So a crash leaves either the old bundle or the new one, never a calibration that
     * disagrees with its checksummed model.onnx. Without plankton-onnx on the class path a recorded
     * model.onnx is dropped rather than left stale.
     */
    public static ModelBundle rewrite(Path dir, BundleChange change) throws IOException, BundleException {
        return rewrite(dir, change, true);
    }

    /**
     * As {@link #rewrite(Path, BundleChange)}; with {@code exportOnnx} false the change is one the
     * ONNX graph does not contain (domain.json), so model.onnx is kept as it is, or kept absent: the
     * bundled models have none, and exporting one would add 7 MB to each.
     */
    public static ModelBundle rewrite(Path dir, BundleChange change, boolean exportOnnx)
            throws IOException, BundleException {
        ModelBundle old = BundleReader.read(dir);
        Path target = old.directory();
        Path temp = target.resolveSibling(target.getFileName() + ".tmp-" + AtomicFiles.randomSuffix());
        return fillAndMoveIntoPlace(temp, target, () -> {
            copyTree(target, temp);
            if (exportOnnx) {
                Files.deleteIfExists(temp.resolve(ModelBundle.ONNX_FILE));
            }
            change.apply(temp);
            Path metricsFile = temp.resolve(ModelBundle.METRICS_FILE);
            Map<String, Object> metrics = Files.exists(metricsFile) ? BundleJson.readMap(metricsFile) : Map.of();
            // The change may alter domain.json, model.onnx or the weights: the manifest records what the copy holds.
            Path domain = temp.resolve(ModelBundle.DOMAIN_FILE);
            BundleManifest recorded = Files.isRegularFile(domain)
                    ? old.manifest().withDomain(ModelBundle.DOMAIN_FILE, Sha256.of(domain)) : old.manifest().withDomain(null, null);
            Path weights = temp.resolve(old.manifest().weightsFile());
            recorded = recorded.withWeights(Sha256.of(weights), Files.size(weights));
            if (!exportOnnx && !Files.isRegularFile(temp.resolve(ModelBundle.ONNX_FILE))) {
                recorded = recorded.withOnnx(null, null);
            }
            BundleManifest manifest = exportOnnx
                    ? writeOnnx(new ModelBundle(temp, recorded, old.classes(), old.provenance(), metrics)) : recorded;
            AtomicFiles.writeString(temp.resolve(ModelBundle.MANIFEST_FILE), BundleJson.write(manifest));
            AtomicFiles.fsyncDirectory(temp);
            return new ModelBundle(target, manifest, old.classes(), old.provenance(), metrics);
        });
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    private static void writeSynced(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        AtomicFiles.fsync(file);
    }

    static void moveIntoPlace(Path temp, Path target, Path old) throws IOException {
        boolean hadOld = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (hadOld) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            if (hadOld) {
                try {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                    throw new IOException("could not move the new bundle into " + target
                            + ", and the previous bundle is left at " + old, e);
                }
            }
            throw e;
        }
        AtomicFiles.fsyncDirectory(target.getParent());
        if (hadOld) {
            try {
                deleteTree(old);
            } catch (IOException e) {
                LOG.warn("new bundle is in place at {}, but the previous one could not be deleted from {}: {}",
                        target, old, e.toString());
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
