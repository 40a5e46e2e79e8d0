package org.plankton.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.ClassList;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.LateFusion;
import org.plankton.nn.infer.Network;

/**
 * Fine-tuning: a run that starts from a trained bundle's weights instead of random ones
 * ({@code train --init MODEL}). The new run takes the bundle's architecture and preprocessing
 * (input size, fill, inversion and its normalisation: the features were learnt on those numbers),
 * copies every parameter, and draws a fresh classifier head when the class list differs.
 *
 * <p>Optionally the feature extractor (everything before the dense layers) is frozen for the first
 * epochs, so the random head does not send large gradients through features that already work.
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
        Object git = bundle.provenance().get("git_commit");
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

    /**
     * Copies the source weights into {@code target} (built with {@link #architecture(boolean)} and the
     * new class count), branch by branch, so that a target with a size-feature branch the source lacks
     * still receives the whole image branch. Such a new branch starts with a zero last layer: it adds
     * nothing to the logits, so the run starts from exactly the source model's predictions and the
     * branch grows from there. Returns the number of parameter arrays copied.
     */
    public int copyInto(Network target, ClassList classes) throws IOException {
        boolean keepHead = sameClasses(classes);
        java.util.Set<Parameter> head = target.headParameters();
        try (Network source = Network.load(architecture, bundle.classes().size(), preprocess().imageSize(),
                bundle.weightsPath())) {
            List<String> missing = new ArrayList<>();
            int copied = copyBranch(source.convnet(), target.convnet(), keepHead, head, "convnet.", missing);
            Block srcSize = sizeNet(source);
            Block dstSize = sizeNet(target);
            if (dstSize != null && srcSize != null) {
                copied += copyBranch(srcSize, dstSize, keepHead, head, "sizeNet.", missing);
            } else if (dstSize != null) {
                zeroLastLayer(dstSize);
            }
            Block srcFixed = fixedNet(source);
            Block dstFixed = fixedNet(target);
            if (dstFixed != null && srcFixed != null) {
                copied += copyBranch(srcFixed, dstFixed, keepHead, head, "fixedScaleNet.", missing);
            } else if (dstFixed != null) {
                missing.add("fixedScaleNet (the source model has no fixed-scale branch)");
            }
            if (!missing.isEmpty()) {
                throw new IOException("weights of " + bundle.directory() + " do not fit the network: " + missing);
            }
            return copied;
        }
    }

    /**
     * Copies parameters in order: the i-th parameter of {@code from} into the i-th of {@code to}. Names
     * cannot be matched directly, because they carry each layer's position in its block, and a
     * parameter-free layer that one network has and the other lacks (dropout at rate 0 is left out)
     * shifts every later position. So each pair must agree on its name without the positions (layer
     * kind and parameter) and on its shape.
     */
    private static int copyBranch(Block from, Block to, boolean keepHead, java.util.Set<Parameter> head,
                                  String prefix, List<String> missing) {
        List<Pair<String, Parameter>> source = from.getParameters().stream().toList();
        List<Pair<String, Parameter>> target = to.getParameters().stream().toList();
        int copied = 0;
        for (int i = 0; i < target.size(); i++) {
            Pair<String, Parameter> p = target.get(i);
            if (!keepHead && head.contains(p.getValue())) {
                continue; // the new head keeps its fresh initialisation
            }
            Parameter src = i < source.size() && withoutPositions(source.get(i).getKey()).equals(withoutPositions(p.getKey()))
                    ? source.get(i).getValue() : null;
            NDArray dst = p.getValue().getArray();
            if (src == null || !src.getArray().getShape().equals(dst.getShape())) {
                missing.add(prefix + p.getKey());
                continue;
            }
            dst.set(src.getArray().toFloatArray());
            copied++;
        }
        if (source.size() > target.size()) {
            missing.add(prefix + (source.size() - target.size()) + " parameter(s) of the source have no place in the network");
        }
        return copied;
    }

    /** A parameter's name without the block positions in it: {@code 02Conv2d_weight} -> {@code Conv2d_weight}. */
    private static String withoutPositions(String name) {
        return name.replaceAll("(^|[._])\\d+", "$1");
    }

    private static void zeroLastLayer(Block branch) {
        var children = branch.getChildren();
        for (Pair<String, Parameter> p : children.get(children.size() - 1).getValue().getParameters()) {
            NDArray a = p.getValue().getArray();
            a.set(new float[Math.toIntExact(a.size())]);
        }
    }

    private static Block sizeNet(Network n) {
        return n.block() instanceof LateFusion f ? f.sizeNet() : null;
    }

    private static Block fixedNet(Network n) {
        return n.block() instanceof LateFusion f ? f.fixedNet() : null;
    }

    /**
     * Freezes (or thaws) the convolutional feature extractors: every block of the image branch before
     * its first dense layer, and the convolutions of the fixed-scale branch when there is one. Frozen
     * parameters get no gradient, so backward stops there and the optimiser skips them.
     *
     * <p>Batch-norm running statistics are not parameters that gradients reach, and they keep
     * updating in frozen epochs: on purpose, since they then follow the new instrument's images
     * (re-estimating batch-norm statistics on the target domain is a known, cheap domain adaptation),
     * and the frozen epochs train the head on the features as normalised for that data.
     */
    public static void freezeFeatures(Network network, boolean freeze) {
        freezeConvolutions(network.convnet(), freeze);
        if (network.block() instanceof LateFusion f && f.fixedNet() != null) {
            freezeConvolutions(f.fixedNet(), freeze);
        }
    }

    private static void freezeConvolutions(Block sequence, boolean freeze) {
        for (Pair<String, Block> child : sequence.getChildren()) {
            if (child.getValue() instanceof Linear) {
                return; // the dense layers and the head stay trainable
            }
            if (!child.getValue().getParameters().isEmpty()) {
                // Batch-norm running statistics never take gradients (PyTorch refuses them).
                child.getValue().freezeParameters(freeze, p -> p.getType() != Parameter.Type.RUNNING_MEAN
                        && p.getType() != Parameter.Type.RUNNING_VAR);
            }
        }
    }
}
