package org.plankton.nn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.ClassList;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.weights.NamedTensor;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.Engines;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.NetworkSpec;
import org.plankton.nn.engine.ParameterNames;

/**
 * Fine-tuning: a run that starts from a trained bundle's weights instead of random ones
 * ({@code train --init MODEL}). The new run takes the bundle's architecture and preprocessing
 * (input size, fill, inversion and its normalisation: the features were learnt on those numbers),
 * copies every parameter, and draws a fresh classifier head when the class list differs.
 *
 * <p>Optionally the feature extractor (everything before the dense layers) is frozen for the first
 * epochs ({@link org.plankton.nn.engine.TrainingSession#freezeFeatures}), so the random head does not
 * send large gradients through features that already work.
 */
public final class WarmStart {

    private final ModelBundle bundle;
    private final ArchitectureConfig architecture;

    private WarmStart(ModelBundle bundle, ArchitectureConfig architecture) {
        this.bundle = bundle;
        this.architecture = architecture;
    }

    /** Reads and verifies the bundle to start from. */
    public static WarmStart from(Path bundleDir) throws BundleException {
        ModelBundle bundle = BundleReader.read(bundleDir);
        try {
            return new WarmStart(bundle, ArchitectureConfig.fromMap(bundle.manifest().architecture()));
        } catch (IllegalArgumentException e) {
            throw new BundleException(bundleDir, "unsupported architecture in manifest.json: " + e.getMessage(), e);
        }
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public ArchitectureConfig architecture() {
        return architecture;
    }

    /** The source model's preprocessing, normalisation included. */
    public PreprocessConfig preprocess() {
        return bundle.manifest().preprocess();
    }

    /** Whether the new class list is the source's, in the same order (then the head is kept too). */
    public boolean sameClasses(ClassList classes) {
        return bundle.classes().names().equals(classes.names());
    }

    /** What the run started from, for the bundle's provenance. */
    public Map<String, Object> describe(ClassList classes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", bundle.directory().toString());
        m.put("weights_sha256", bundle.manifest().weightsSha256());
        m.put("classes", bundle.classes().size());
        m.put("head", sameClasses(classes) ? "kept (same classes)" : "new (" + classes.size() + " classes)");
        String git = bundle.trainingProvenance().platform().gitCommit();
        if (git != null) {
            m.put("git_commit", git);
        }
        return m;
    }

    /**
     * The architecture to train: the source's, plus the size-feature branch when {@code addSizeFeatures}
     * asks for it and the source has none. Everything else must stay the source's, since its weights are
     * copied.
     */
    public ArchitectureConfig architecture(boolean addSizeFeatures) {
        return architecture(addSizeFeatures, null);
    }

    /**
     * As {@link #architecture(boolean)}, with another dropout rate when {@code dropout} is not null.
     * Dropout is the one other option a warm start may change: it has no weights, and with inverted
     * dropout (activations scaled by 1/(1-p) in training) the copied weights see the same expected
     * activations at any rate.
     */
    public ArchitectureConfig architecture(boolean addSizeFeatures, Float dropout) {
        ArchitectureConfig a = addSizeFeatures && !architecture.sizeFeatures() ? architecture.withSizeFeatures(true) : architecture;
        return dropout == null ? a : a.withDropout(dropout);
    }

    /** The weights to start from, and how many tensors came from the source. */
    public record Merged(List<NamedTensor> weights, int copied) {
    }

    /**
     * The new network's starting weights: {@code target} (the freshly initialised network's, for the
     * architecture of {@link #architecture(boolean)} and the new class count) with the source's weights
     * copied in, branch by branch, so that a target with a size-feature branch the source lacks still
     * receives the whole image branch. Such a new branch starts with a zero last layer: it adds nothing
     * to the logits, so the run starts from exactly the source model's predictions and the branch
     * grows from there. IOException when the source's weights do not fit.
     */
    public Merged merge(List<NamedTensor> target, ClassList classes) throws IOException {
        NetworkSpec spec = new NetworkSpec(architecture, bundle.classes().size(), preprocess().imageSize());
        List<NamedTensor> source;
        try (InferenceNetwork net = Engines.current().network(spec, bundle.weightsPath())) {
            source = net.weights();
        }
        try {
            return merge(source, target, sameClasses(classes));
        } catch (IllegalArgumentException e) {
            throw new IOException("weights of " + bundle.directory() + " do not fit the network: " + e.getMessage(), e);
        }
    }

    /**
     * Pairs the tensors of each branch in order: the i-th of the source's branch with the i-th of the
     * target's. Names cannot be matched directly, because they carry each layer's position in its
     * block, and a parameter-free layer that one network has and the other lacks (dropout at rate 0 is
     * left out) shifts every later position. So each pair must agree on its name without the
     * positions (layer kind and parameter) and on its shape. The head is left as drawn unless
     * {@code keepHead}. IllegalArgumentException listing what does not fit.
     */
    static Merged merge(List<NamedTensor> source, List<NamedTensor> target, boolean keepHead) {
        List<String> targetNames = target.stream().map(NamedTensor::name).toList();
        List<String> sourceNames = source.stream().map(NamedTensor::name).toList();
        Set<Integer> head = new HashSet<>(ParameterNames.head(targetNames));
        Map<String, List<Integer>> from = ParameterNames.byBranch(sourceNames);
        List<NamedTensor> out = new ArrayList<>(target);
        List<String> missing = new ArrayList<>();
        int copied = 0;
        for (var branch : ParameterNames.byBranch(targetNames).entrySet()) {
            List<Integer> to = branch.getValue();
            List<Integer> src = from.get(branch.getKey());
            if (src == null) {
                if (branch.getKey().equals(ParameterNames.SIZE_NET)) {
                    to.stream().filter(head::contains).forEach(i -> out.set(i, zeros(target.get(i))));
                } else {
                    missing.add(branch.getKey() + " (the source model has no such branch)");
                }
                continue;
            }
            for (int k = 0; k < to.size(); k++) {
                int i = to.get(k);
                if (!keepHead && head.contains(i)) {
                    continue; // the new head keeps its fresh initialisation
                }
                NamedTensor t = target.get(i);
                NamedTensor s = k < src.size() ? source.get(src.get(k)) : null;
                if (s == null || !local(s.name()).equals(local(t.name())) || !Arrays.equals(s.shape(), t.shape())) {
                    missing.add(t.name());
                    continue;
                }
                out.set(i, s.withName(t.name()));
                copied++;
            }
            if (src.size() > to.size()) {
                missing.add(branch.getKey() + ": " + (src.size() - to.size())
                        + " parameter(s) of the source have no place in the network");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing.toString());
        }
        return new Merged(List.copyOf(out), copied);
    }

    /** A name within its branch, without positions: a plain network's {@code 05Conv2d_weight} is a fused one's {@code 01convnet_05Conv2d_weight}. */
    private static String local(String name) {
        return ParameterNames.withoutPositions(name.replaceFirst("^\\d+(convnet|fixedScaleNet|sizeNet)_", ""));
    }

    private static NamedTensor zeros(NamedTensor t) {
        return new NamedTensor(t.name(), t.shape(), new float[t.size()]);
    }
}
