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
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.Precision;

/**
 * A network built from an {@link ArchitectureConfig}, owning its DJL model and native memory.
 * Not thread-safe: use one per thread.
 */
public final class Network implements InferenceNetwork {

    private final Model model;
    private final Block block;
    private final int imageSize;
    private final int numClasses;
    private final InputLayout layout;
    /** The type the forward pass computes in (weights cast to it once); see {@link #setComputeType}. */
    private DataType computeType = DataType.FLOAT32;
    private CastParameters castWeights;

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
            setComputeType(computeType); // cast copies of the old weights are stale now
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
            if (computeType != DataType.FLOAT32) {
                x = x.toType(computeType, false);
            }
            ParameterStore store = castWeights != null ? castWeights : new ParameterStore(batch, false);
            NDArray logits = block.forward(store, new NDList(x), false).singletonOrThrow();
            float[] flat = logits.toType(DataType.FLOAT32, false).softmax(1).toFloatArray();
            for (int i = 0; i < n; i++) {
                out[i] = java.util.Arrays.copyOfRange(flat, i * numClasses, (i + 1) * numClasses);
            }
        }
        return out;
    }

    /**
     * Inference precision: {@code FLOAT32} (default) or {@code FLOAT16}, which CPUs with AVX-512 FP16
     * instructions may run faster (bfloat16 would be the safer half format, but crashes DJL, see below). The weights are cast once; each batch goes in cast to this
     * type and its logits come back to float32 before the softmax, so the probabilities are always
     * float32. The float32 weights are kept, so going back to float32 is exact. For inference only;
     * training stays float32.
     */
    public void setComputeType(DataType type) {
        if (type == DataType.BFLOAT16) {
            // Measured: DJL 0.36's PyTorch engine aborts the whole JVM ("terminate called without an
            // active exception") on any bfloat16 array, even NDManager.ones(shape, BFLOAT16).
            throw new IllegalArgumentException("bfloat16 is not usable: DJL 0.36's PyTorch engine crashes on "
                    + "bfloat16 arrays; use float16");
        }
        if (type != DataType.FLOAT32 && type != DataType.FLOAT16) {
            throw new IllegalArgumentException("compute type must be float32 or float16, got " + type);
        }
        if (castWeights != null) {
            castWeights.close();
            castWeights = null;
        }
        if (type != DataType.FLOAT32) {
            castWeights = new CastParameters(model.getNDManager().newSubManager(), type);
        }
        computeType = type;
    }

    /**
     * The weights in another type, cast on first use and kept. DJL's {@code Block.cast} is not
     * implemented for these blocks, but every layer reads its weights through the parameter store,
     * so a store that hands out cast copies runs the same blocks in that type while the float32
     * originals stay as they are (for saving, or going back to float32).
     */
    private static final class CastParameters extends ParameterStore implements AutoCloseable {
        private final NDManager keep;
        private final DataType type;
        private final java.util.Map<ai.djl.nn.Parameter, NDArray> cast = new java.util.IdentityHashMap<>();

        CastParameters(NDManager keep, DataType type) {
            super(keep, false);
            this.keep = keep;
            this.type = type;
        }

        @Override
        public NDArray getValue(ai.djl.nn.Parameter parameter, ai.djl.Device device, boolean training) {
            if (parameter == null) {
                return null; // an absent optional parameter (a convolution without bias)
            }
            return cast.computeIfAbsent(parameter, p -> {
                NDArray a = p.getArray().toType(type, true);
                a.attach(keep);
                return a;
            });
        }

        @Override
        public void close() {
            keep.close();
        }
    }

    /** FP32 only: bf16 needs the JavaCPP engine (DJL crashes on bfloat16, see {@link #setComputeType}). */
    @Override
    public void setPrecision(Precision precision) {
        if (precision != Precision.FP32) {
            throw new IllegalArgumentException("precision " + precision.id() + " needs the libtorch (JavaCPP) engine; "
                    + "DJL runs fp32 only");
        }
        setComputeType(DataType.FLOAT32);
    }

    @Override
    public Precision precision() {
        return Precision.FP32;
    }

    public DataType computeType() {
        return computeType;
    }

    @Override
    public void close() {
        if (castWeights != null) {
            castWeights.close();
        }
        model.close();
    }
}
