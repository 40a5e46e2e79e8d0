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
 * With {@link HeadTransfer#BY_CLASS_NAME} (retraining from reviews, where the class list grows by the
 * new classes reviewers named) the head's rows of the classes both lists share are copied by name
 * instead, and only the new classes' rows are drawn fresh: the model keeps what it knew of every old
 * class. {@code train --init} keeps the plain rule, so its runs are what they always were.
 *
 * <p>Optionally the feature extractor (everything before the dense layers) is frozen for the first
 * epochs ({@link org.plankton.nn.engine.TrainingSession#freezeFeatures}), so the random head does not
 * send large gradients through features that already work.
 */
public final class WarmStart {

    /** What becomes of the source's head (output layer) when the new class list differs from its. */
    public enum HeadTransfer {
        /** A fresh head unless the class lists are identical ({@code train --init}). */
        SAME_CLASSES_ONLY,
        /** The rows of classes both lists hold are copied by class name; the other rows are drawn fresh. */
        BY_CLASS_NAME
    }

    private final ModelBundle bundle;
    private final ArchitectureConfig architecture;
    private final HeadTransfer headTransfer;

    private WarmStart(ModelBundle bundle, ArchitectureConfig architecture, HeadTransfer headTransfer) {
        this.bundle = bundle;
        this.architecture = architecture;
        this.headTransfer = headTransfer;
    }

    /** The same source with another head rule. */
    public WarmStart withHeadTransfer(HeadTransfer transfer) {
        return new WarmStart(bundle, architecture, java.util.Objects.requireNonNull(transfer, "transfer"));
    }

    public HeadTransfer headTransfer() {
        return headTransfer;
    }

    /** Classes of {@code classes} whose head rows come from the source under this start's rule. */
    public int headRowsKept(ClassList classes) {
        if (sameClasses(classes)) {
            return classes.size();
        }
        if (headTransfer != HeadTransfer.BY_CLASS_NAME) {
            return 0;
        }
        return (int) classes.names().stream().filter(n -> bundle.classes().find(n).isPresent()).count();
    }

    /** How the head was started, in words, for the log and the provenance. */
    public String describeHead(ClassList classes) {
        if (sameClasses(classes)) {
            return "head kept (same classes)";
        }
        int kept = headRowsKept(classes);
        if (kept == 0) {
            return "new head for " + classes.size() + " classes";
        }
        return "head rows of " + kept + " classes kept by name, " + (classes.size() - kept) + " new (" + classes.size()
                + " classes)";
    }

    /** Reads and verifies the bundle to start from. */
    public static WarmStart from(Path bundleDir) throws BundleException {
        ModelBundle bundle = BundleReader.read(bundleDir);
        try {
            return new WarmStart(bundle, ArchitectureConfig.fromMap(bundle.manifest().architecture()),
                    HeadTransfer.SAME_CLASSES_ONLY);
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
        m.put("head", sameClasses(classes) ? "kept (same classes)" : headRowsKept(classes) == 0
                ? "new (" + classes.size() + " classes)"
                : "rows of " + headRowsKept(classes) + " classes kept by name (" + classes.size() + " classes)");
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
            Merged merged = merge(source, target, sameClasses(classes));
            if (!sameClasses(classes) && headTransfer == HeadTransfer.BY_CLASS_NAME) {
                merged = copyHeadRows(source, merged, bundle.classes(), classes);
            }
            return merged;
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

    /**
     * Copies the source head's rows into {@code merged}'s fresh head by class name: row {@code j} of
     * each output tensor (weight {@code [classes, inputs]}, bias {@code [classes]}) is class {@code j}'s.
     * A head tensor whose first dimension is not the class count (none of ours today) keeps its draw.
     * Pairs tensors branch by branch, in order: the i-th head tensor of a target branch with the i-th
     * head tensor of the source's same branch (weight with weight, bias with bias).
     */
    static Merged copyHeadRows(List<NamedTensor> source, Merged merged, ClassList from, ClassList to) {
        List<NamedTensor> target = merged.weights();
        List<String> targetNames = target.stream().map(NamedTensor::name).toList();
        List<String> sourceNames = source.stream().map(NamedTensor::name).toList();
        Set<Integer> targetHead = new HashSet<>(ParameterNames.head(targetNames));
        Set<Integer> sourceHead = new HashSet<>(ParameterNames.head(sourceNames));
        Map<String, List<Integer>> srcBranches = ParameterNames.byBranch(sourceNames);
        List<NamedTensor> out = new ArrayList<>(target);
        int copied = merged.copied();
        for (var branch : ParameterNames.byBranch(targetNames).entrySet()) {
            List<Integer> src = srcBranches.get(branch.getKey());
            if (src == null) {
                continue; // a branch the source lacks (size features): merge has started it already
            }
            List<Integer> toHead = branch.getValue().stream().filter(targetHead::contains).toList();
            List<Integer> fromHead = src.stream().filter(sourceHead::contains).toList();
            for (int k = 0; k < Math.min(toHead.size(), fromHead.size()); k++) {
                NamedTensor t = target.get(toHead.get(k));
                NamedTensor s = source.get(fromHead.get(k));
                if (t.shape().length == 0 || s.shape().length != t.shape().length || t.shape()[0] != to.size()
                        || s.shape()[0] != from.size()
                        || !Arrays.equals(Arrays.copyOfRange(s.shape(), 1, s.shape().length),
                                Arrays.copyOfRange(t.shape(), 1, t.shape().length))) {
                    continue;
                }
                int row = t.size() / to.size();
                float[] values = t.values().clone();
                for (int j = 0; j < to.size(); j++) {
                    var i = from.find(to.name(j));
                    if (i.isPresent()) {
                        System.arraycopy(s.values(), i.get() * row, values, j * row, row);
                    }
                }
                out.set(toHead.get(k), new NamedTensor(t.name(), t.shape(), values));
                copied++;
            }
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
