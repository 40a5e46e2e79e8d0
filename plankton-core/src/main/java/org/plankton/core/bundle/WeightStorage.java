package org.plankton.core.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.plankton.core.domain.DomainFile;
import org.plankton.core.domain.DomainModel;
import org.plankton.core.weights.Safetensors;

/**
 * Copies a model or an ensemble with its weights stored as another dtype: float16 halves a bundle
 * (the released models fit in the repository's 30 MB so), float32 widens one back. Loading widens
 * float16 to float32, so a converted model computes in float32 on weights rounded to 3 significant
 * digits; {@code docs/results.md} measures what that changes (a validation log loss difference far
 * below 0.001 on the released models).
 *
 * <p>Atomic like every bundle write: the copy is made in a temporary sibling folder and renamed
 * into place; an existing bundle at the target is replaced only when complete.
 */
public final class WeightStorage {

    private WeightStorage() {
    }

    /**
     * Writes {@code source} (model or ensemble) to {@code target} with weights as {@code dtype};
     * {@code target} may be {@code source} itself (converted in place).
     *
     * @return the number of member bundles converted (1 for a model)
     */
    public static int convert(Path source, Path target, Safetensors.Dtype dtype) throws IOException, BundleException {
        return convert(source, target, dtype, true);
    }

    /**
     * As {@link #convert(Path, Path, Safetensors.Dtype)}; with {@code onnx} false the copy keeps no
     * model.onnx files (half of a float16 bundle): the onnx engine exports each network in memory
     * when it loads it, and {@code export-onnx} writes the file on demand.
     */
    public static int convert(Path source, Path target, Safetensors.Dtype dtype, boolean onnx)
            throws IOException, BundleException {
        Path from = source.toAbsolutePath().normalize();
        Path to = target.toAbsolutePath().normalize();
        if (EnsembleBundle.isEnsemble(from)) {
            return convertEnsemble(from, to, dtype, onnx);
        }
        if (from.equals(to)) {
            storeWeights(to, dtype, onnx);
            return 1;
        }
        BundleReader.read(from); // a damaged source fails before anything is written
        Path temp = to.resolveSibling(to.getFileName() + ".tmp-" + AtomicFiles.randomSuffix());
        try {
            BundleWriter.copyTree(from, temp);
            storeWeights(temp, dtype, onnx);
            replace(temp, to);
        } finally {
            BundleWriter.deleteTree(temp);
        }
        return 1;
    }

    private static int convertEnsemble(Path from, Path to, Safetensors.Dtype dtype, boolean onnx)
            throws IOException, BundleException {
        EnsembleBundle e = EnsembleBundle.read(from);
        Map<String, byte[]> own = EnsembleBundle.ownFiles(from);  // read first: from may be to (converted in place)
        Path work = to.resolveSibling(to.getFileName() + ".members-" + AtomicFiles.randomSuffix());
        try {
            Files.createDirectories(work);
            List<Path> members = new ArrayList<>();
            for (int i = 0; i < e.members().size(); i++) {
                Path m = work.resolve(Integer.toString(i));
                BundleWriter.copyTree(e.members().get(i), m);
                storeWeights(m, dtype, onnx);
                members.add(m);
            }
            List<String> sources = EnsembleBundle.sources(from);
            // Every member is copied in, linked ones too: the copy is self-contained wherever it goes.
            EnsembleBundle.write(to, members, e.weights().stream().mapToDouble(Double::doubleValue).toArray(), e.metrics(),
                    EnsembleLayout.of(members).withSources(sources.size() == members.size() ? sources
                            : members.stream().map(Path::toString).toList()).withOnnx(onnx).withOwnFiles(own));
        } finally {
            BundleWriter.deleteTree(work);
        }
        return e.members().size();
    }

    /**
     * Rewrites a bundle's weights as {@code dtype} (float16 halves the bytes), atomically like
     * {@link BundleWriter#rewrite}; model.onnx, when the bundle has one, is exported anew, with float16
     * initializers where the exporter finds every weight a half already (so it loses nothing).
     * Refuses weights in another format (a DJL .params file) and, for float16, values beyond its range.
     * Weights already stored as {@code dtype} are left as they are, byte for byte.
     */
    public static ModelBundle storeWeights(Path dir, Safetensors.Dtype dtype) throws IOException, BundleException {
        return storeWeights(dir, dtype, true);
    }

    /**
     * As {@link #storeWeights(Path, Safetensors.Dtype)}; with {@code onnx} false the bundle keeps no
     * model.onnx (the onnx engine then exports the network in memory when it loads it, and
     * {@code export-onnx} writes the file on demand).
     */
    public static ModelBundle storeWeights(Path dir, Safetensors.Dtype dtype, boolean onnx)
            throws IOException, BundleException {
        ModelBundle old = BundleReader.read(dir);
        String file = old.manifest().weightsFile();
        if (!file.endsWith(".safetensors")) {
            throw new BundleException(old.directory(), "weights " + file + " are not a safetensors file; only those can "
                    + "be stored as " + dtype);
        }
        // Weights already stored as dtype keep their bytes (and checksum): a copy of a float16 bundle made
        // with convert is then the same file, weight for weight, as the bundle it came from.
        boolean stored = Safetensors.dtypes(old.weightsPath()).values().stream().allMatch(dtype.name()::equals);
        Safetensors.Contents weights = stored ? null : Safetensors.read(old.weightsPath());
        return BundleWriter.rewrite(dir, copy -> {
            if (!stored) {
                Path target = copy.resolve(file);
                Files.delete(target);
                Safetensors.write(target, weights.tensors(), weights.metadata(), dtype);
                repointDomain(copy.resolve(ModelBundle.DOMAIN_FILE), Sha256.of(target));
            }
            if (!onnx) {
                Files.deleteIfExists(copy.resolve(ModelBundle.ONNX_FILE));
            }
        }, onnx && old.onnxPath().isPresent());
    }

    /**
     * A domain model names the weights it was fitted to, so that one fitted to other weights fails the
     * load. Storing the same weights in another dtype keeps the fit: the penultimate features move by
     * the rounding only (the float16 round trip changed v6's validation log loss by 2e-5), so the
     * statistics are carried over to the new checksum rather than refitted, which would need the data.
     */
    private static void repointDomain(Path domain, String weightsSha256) throws IOException {
        if (!Files.isRegularFile(domain)) {
            return;
        }
        DomainModel m = DomainFile.read(domain);
        Files.delete(domain);
        DomainFile.write(new DomainModel(m.width(), m.classMeans(), m.directions(), m.variances(), m.residual(),
                m.threshold(), m.inDomainPass(), weightsSha256), domain);
    }

    /** Renames the finished {@code temp} to {@code target}, replacing a model bundle (never another kind of folder). */
    private static void replace(Path temp, Path target) throws IOException {
        BundleWriter.checkReplaceable(target);
        BundleWriter.moveIntoPlace(temp, target, target.resolveSibling(target.getFileName() + ".old-"
                + AtomicFiles.randomSuffix()));
    }
}
