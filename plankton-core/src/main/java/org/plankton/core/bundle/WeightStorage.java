package org.plankton.core.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            BundleWriter.storeWeights(to, dtype, onnx);
            return 1;
        }
        BundleReader.read(from); // a damaged source fails before anything is written
        Path temp = to.resolveSibling(to.getFileName() + ".tmp-" + AtomicFiles.randomSuffix());
        try {
            BundleWriter.copyTree(from, temp);
            BundleWriter.storeWeights(temp, dtype, onnx);
            replace(temp, to);
        } finally {
            BundleWriter.deleteTree(temp);
        }
        return 1;
    }

    private static int convertEnsemble(Path from, Path to, Safetensors.Dtype dtype, boolean onnx)
            throws IOException, BundleException {
        EnsembleBundle e = EnsembleBundle.read(from);
        Path work = to.resolveSibling(to.getFileName() + ".members-" + AtomicFiles.randomSuffix());
        try {
            Files.createDirectories(work);
            List<Path> members = new ArrayList<>();
            for (int i = 0; i < e.members().size(); i++) {
                Path m = work.resolve(Integer.toString(i));
                BundleWriter.copyTree(e.members().get(i), m);
                BundleWriter.storeWeights(m, dtype, onnx);
                members.add(m);
            }
            List<String> sources = EnsembleBundle.sources(from);
            EnsembleBundle.write(to, members, e.weights().stream().mapToDouble(Double::doubleValue).toArray(), e.metrics(),
                    sources.size() == members.size() ? sources : members.stream().map(Path::toString).toList(), onnx);
        } finally {
            BundleWriter.deleteTree(work);
        }
        return e.members().size();
    }

    /** Renames the finished {@code temp} to {@code target}, replacing a bundle (never another kind of folder) there. */
    private static void replace(Path temp, Path target) throws IOException {
        if (Files.exists(target) && !Files.isRegularFile(target.resolve(ModelBundle.MANIFEST_FILE))
                && !EnsembleBundle.isEnsemble(target)) {
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(target + " exists and is not a model bundle; refusing to replace it");
                }
            }
        }
        BundleWriter.moveIntoPlace(temp, target, target.resolveSibling(target.getFileName() + ".old-"
                + AtomicFiles.randomSuffix()));
    }
}
