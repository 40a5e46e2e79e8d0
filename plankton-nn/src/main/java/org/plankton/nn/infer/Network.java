package org.plankton.nn.infer;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ai.djl.nn.SequentialBlock;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.arch.LateFusion;
import org.plankton.nn.arch.NetworkFactory;

/**
 * A network built from an {@link ArchitectureConfig}, owning its DJL model and native memory.
 * Not thread-safe: use one per thread.
 */
public final class Network implements AutoCloseable {

    private final Model model;
    private final Block block;
    private final int imageSize;
    private final int numClasses;
    private final InputLayout layout;

    private Network(Model model, Block block, int imageSize, int numClasses, InputLayout layout) {
        this.model = model;
        this.block = block;
        this.imageSize = imageSize;
        this.numClasses = numClasses;
        this.layout = layout;
    }

    /** A freshly initialised network (random weights drawn from DJL's engine RNG). */
    public static Network create(ArchitectureConfig arch, int numClasses, int imageSize) {
        return create(arch, numClasses, imageSize, false);
    }

    /**
     * @param toBeLoaded the weights are read from a file right after: initialise with zeros, since
     *                   drawing them (an orthogonal initialisation is a QR decomposition per layer) is
     *                   wasted work
     */
    private static Network create(ArchitectureConfig arch, int numClasses, int imageSize, boolean toBeLoaded) {
        Block block = NetworkFactory.build(arch, numClasses, imageSize);
        if (toBeLoaded) {
            block.setInitializer(new ai.djl.training.initializer.ConstantInitializer(0f), ai.djl.nn.Parameter.Type.WEIGHT);
        }
        Model model = Model.newInstance("plankton");
        model.setBlock(block);
        InputLayout layout = InputLayout.of(arch, imageSize);
        block.initialize(model.getNDManager(), DataType.FLOAT32, layout.shape(1));
        return new Network(model, block, imageSize, numClasses, layout);
    }

    /** A network with weights read from a file written by {@link #saveWeights(Path)}. */
    public static Network load(ArchitectureConfig arch, int numClasses, int imageSize, Path weights)
            throws IOException {
        Network net = create(arch, numClasses, imageSize, true);
        try {
            net.loadWeights(weights);
            return net;
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
    }

    public void loadWeights(Path weights) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
            block.loadParameters(model.getNDManager(), in);
        } catch (MalformedModelException e) {
            throw new IOException("weights " + weights + " do not fit this architecture: " + e.getMessage(), e);
        }
    }

    public void saveWeights(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            block.saveParameters(out);
        }
    }

    public Model model() {
        return model;
    }

    public Block block() {
        return block;
    }

    public int imageSize() {
        return imageSize;
    }

    public int numClasses() {
        return numClasses;
    }

    /** The parameters of the output layers, whose shape and meaning depend on the class list. */
    public java.util.Set<ai.djl.nn.Parameter> headParameters() {
        java.util.Set<ai.djl.nn.Parameter> head = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        addLastLayer(convnet(), head);
        if (block instanceof LateFusion f) {
            if (f.sizeNet() != null) {
                addLastLayer(f.sizeNet(), head);
            }
            if (f.fixedNet() != null) {
                addLastLayer(f.fixedNet(), head);
            }
        }
        return head;
    }

    private static void addLastLayer(Block sequence, java.util.Set<ai.djl.nn.Parameter> into) {
        var children = sequence.getChildren();
        children.get(children.size() - 1).getValue().getParameters().values().forEach(into::add);
    }

    /** How images are laid out in this network's input. */
    public InputLayout layout() {
        return layout;
    }

    /**
     * The image branch as a layer sequence, ending with the classifier head: the whole network, or
     * the convnet of a {@link LateFusion}.
     */
    public SequentialBlock convnet() {
        Block b = block instanceof LateFusion f ? f.convnet() : block;
        return (SequentialBlock) b;
    }

    /**
     * Softmax probabilities (inference mode: no dropout, batch-norm running statistics) for
     * {@code n} images laid out by {@link #layout()} ({@code n x imageSize x imageSize} floats
     * without size features).
     */
    public float[][] probabilities(float[] pixels, int n) {
        return probabilities(pixels, 0, n);
    }

    /** As {@link #probabilities(float[], int)}, for the {@code n} images starting at image {@code first}. */
    public float[][] probabilities(float[] pixels, int first, int n) {
        int plane = layout.length();
        if (first < 0 || n < 0 || (long) (first + n) * plane > pixels.length) {
            throw new IllegalArgumentException("images [" + first + ", " + (first + n) + ") of " + imageSize + "x"
                    + imageSize + " do not fit in " + pixels.length + " floats");
        }
        float[][] out = new float[n][];
        try (NDManager batch = model.getNDManager().newSubManager()) {
            float[] data = first == 0 && pixels.length == n * plane ? pixels
                    : java.util.Arrays.copyOfRange(pixels, first * plane, (first + n) * plane);
            NDArray x = batch.create(data, layout.shape(n));
            NDArray logits = block.forward(new ParameterStore(batch, false), new NDList(x), false).singletonOrThrow();
            float[] flat = logits.softmax(1).toFloatArray();
            for (int i = 0; i < n; i++) {
                out[i] = java.util.Arrays.copyOfRange(flat, i * numClasses, (i + 1) * numClasses);
            }
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
