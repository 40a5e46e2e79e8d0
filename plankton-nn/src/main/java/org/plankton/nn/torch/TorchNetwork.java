package org.plankton.nn.torch;

import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.MemoryFormat;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.plankton.core.features.SizeFeatures;
import org.plankton.core.weights.DjlParamsReader;
import org.plankton.core.weights.NamedTensor;
import org.plankton.core.weights.Safetensors;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;

/**
 * The network of an {@link ArchitectureConfig} on JavaCPP's libtorch: the same function, parameter
 * order, names and shapes as the DJL-era network (every bundle's weights are in that order, and
 * load), with fp32 or bf16 mixed precision and the channels-last memory format.
 * Input rows as {@link InputLayout} lays them out. Not thread-safe: one per thread.
 */
public final class TorchNetwork implements InferenceNetwork {

    private final ArchitectureConfig arch;
    private final int numClasses;
    private final int imageSize;
    private final InputLayout layout;
    private final ParameterTable table;
    private final NetworkBuilder.Parts parts;
    private final boolean channelsLast;
    private Precision precision = Precision.FP32;

    private TorchNetwork(ArchitectureConfig arch, int numClasses, int imageSize, boolean channelsLast, boolean draw) {
        this.arch = arch;
        this.numClasses = numClasses;
        this.imageSize = imageSize;
        this.layout = InputLayout.of(arch, imageSize);
        this.channelsLast = channelsLast;
        this.table = new ParameterTable();
        try (PointerScope scope = new PointerScope()) {
            // The scope frees the temporaries of initialisation; the table retains the parameters.
            this.parts = new NetworkBuilder(arch, table, channelsLast, draw).build(numClasses, imageSize);
        } catch (RuntimeException e) {
            table.close();
            throw e;
        }
    }

    /** A freshly initialised network; {@code seed} fixes its initial weights (and seeds libtorch's generator). */
    public static TorchNetwork create(ArchitectureConfig arch, int numClasses, int imageSize, long seed) {
        return create(arch, numClasses, imageSize, seed, true);
    }

    /** As {@link #create(ArchitectureConfig, int, int, long)}, choosing the memory format (for measuring it). */
    public static TorchNetwork create(ArchitectureConfig arch, int numClasses, int imageSize, long seed,
                                      boolean channelsLast) {
        TorchRuntime.ensureLoaded();
        torch.manual_seed(seed);
        return new TorchNetwork(arch, numClasses, imageSize, channelsLast, true);
    }

    /**
     * A network holding {@code weights} (engine-neutral order and names, see {@link ParameterTable#load});
     * IllegalArgumentException when they do not fit. Draws no random numbers: the random generator,
     * which a training run may rely on, is left alone.
     */
    public static TorchNetwork withWeights(ArchitectureConfig arch, int numClasses, int imageSize,
                                           List<NamedTensor> weights) {
        TorchRuntime.ensureLoaded();
        TorchNetwork net = new TorchNetwork(arch, numClasses, imageSize, true, false);
        try {
            net.loadWeights(weights);
            return net;
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /** A network with the weights of a DJL {@code .params} file (a bundle's {@code weights.params}). */
    public static TorchNetwork fromDjlParams(ArchitectureConfig arch, int numClasses, int imageSize, Path params)
            throws IOException {
        TorchNetwork net = create(arch, numClasses, imageSize, 0);
        try {
            net.loadWeights(DjlParamsReader.read(params));
            return net;
        } catch (IllegalArgumentException e) {
            net.close();
            throw new IOException("weights " + params + " do not fit this architecture: " + e.getMessage(), e);
        }
    }

    /**
     * Logits, float32, of a batch: {@code (N, layout().length())} rows, or {@code (N, 1, S, S)} images
     * when the layout is not flat. In bf16 the branches run under autocast and the sum comes back as
     * float32, so the loss and softmax are computed in float32.
     */
    Tensor forward(Tensor input, boolean training) {
        long n = input.size(0);
        Tensor logits;
        try (Autocast region = Autocast.open(precision)) {
            if (!layout.flat()) {
                logits = parts.convnet().forward(convnetInput(input), training);
            } else {
                int start = imageSize * imageSize;
                // Each branch's logits are summed in float32: bf16 would round the sum to 3 digits.
                logits = parts.convnet().forward(convnetInput(input), training).to(ScalarType.Float);
                if (parts.fixedNet() != null) {
                    int fs = layout.fixedSide();
                    Tensor fixed = image(input.narrow(1, start, (long) fs * fs).reshape(n, 1, fs, fs));
                    logits = logits.add(parts.fixedNet().forward(fixed, training).to(ScalarType.Float));
                    start += fs * fs;
                }
                if (parts.sizeNet() != null) {
                    logits = logits.add(parts.sizeNet().forward(input.narrow(1, start, SizeFeatures.COUNT), training)
                            .to(ScalarType.Float));
                }
            }
        }
        return logits.to(ScalarType.Float);
    }

    /** The image branch's input: the pixels of each row as a (N, 1, S, S) batch. */
    Tensor convnetInput(Tensor input) {
        long n = input.size(0);
        Tensor pixels = layout.flat() ? input.narrow(1, 0, (long) imageSize * imageSize) : input;
        return image(pixels.reshape(n, 1, imageSize, imageSize));
    }

    /** The image branch, ending with its classifier head. */
    Layer convnet() {
        return parts.convnet();
    }

    Tensor image(Tensor x) {
        return channelsLast ? x.contiguous(MemoryFormat.ChannelsLast) : x.contiguous();
    }

    /** A batch tensor of the {@code n} images starting at image {@code first} of {@code rows}. */
    Tensor input(float[] rows, int first, int n) {
        int plane = layout.length();
        if (first < 0 || n < 1 || (long) (first + n) * plane > rows.length) {
            throw new IllegalArgumentException("images [" + first + ", " + (first + n) + ") of " + plane
                    + " floats do not fit in " + rows.length + " floats");
        }
        return Tensors.floats(rows, first * plane, n, plane);
    }

    /** Softmax probabilities in inference mode (no dropout, running batch-norm statistics), float32. */
    public float[][] probabilities(float[] rows, int n) {
        return probabilities(rows, 0, n);
    }

    public float[][] probabilities(float[] rows, int first, int n) {
        // Inference mode: no autograd bookkeeping at all (measured: as fast as a no-grad guard here).
        try (PointerScope scope = new PointerScope(); InferenceMode inference = new InferenceMode()) {
            float[] flat = Tensors.toFloats(torch.softmax(forward(input(rows, first, n), false), 1));
            float[][] out = new float[n][];
            for (int i = 0; i < n; i++) {
                out[i] = java.util.Arrays.copyOfRange(flat, i * numClasses, (i + 1) * numClasses);
            }
            return out;
        }
    }

    @Override
    public boolean exposesFeatures() {
        return true;
    }

    @Override
    public org.plankton.nn.engine.FeatureBatch features(float[] rows, int first, int n) {
        return PenultimateFeatures.of(this, rows, first, n);
    }

    NetworkBuilder.Parts parts() {
        return parts;
    }

    /** FP32 or BF16 (autocast); weights stay float32 either way, so switching is exact. */
    public void setPrecision(Precision p) {
        this.precision = java.util.Objects.requireNonNull(p, "precision");
    }

    public Precision precision() {
        return precision;
    }

    /** Every parameter and running statistic, float32, in DJL's order and under DJL's names. */
    public List<NamedTensor> weights() {
        return table.toNamedTensors();
    }

    /** Copies weights in by position (see {@link ParameterTable#load}); IllegalArgumentException on a mismatch. */
    public void loadWeights(List<NamedTensor> weights) {
        table.load(weights);
    }

    public void saveWeights(Path file) throws IOException {
        Safetensors.write(file, weights(), Map.of("architecture", arch.toMap().toString(),
                "num_classes", Integer.toString(numClasses), "image_size", Integer.toString(imageSize)));
    }

    public void loadWeights(Path safetensors) throws IOException {
        List<NamedTensor> w = Safetensors.read(safetensors).tensors();
        try {
            loadWeights(w);
        } catch (IllegalArgumentException e) {
            throw new IOException("weights " + safetensors + " do not fit this architecture: " + e.getMessage(), e);
        }
    }

    /** Freezes or thaws {@link org.plankton.nn.engine.ParameterNames#featureParameters}. */
    public void freezeFeatures(boolean frozen) {
        table.setFrozen(org.plankton.nn.engine.ParameterNames.featureParameters(table.names()), frozen);
    }

    /** The trainable tensors, for an optimiser. */
    TensorVector trainableParameters() {
        return table.trainable();
    }

    List<ParameterTable.Entry> parameterEntries() {
        return table.entries();
    }

    /** The first parameter or running statistic that is NaN or infinite, if any. */
    java.util.Optional<String> firstNonFiniteParameter() {
        try (PointerScope scope = new PointerScope()) {
            for (ParameterTable.Entry e : table.entries()) {
                if (!torch.isfinite(e.tensor()).all().item_bool()) {
                    return java.util.Optional.of(e.name());
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** Number of trained values (running statistics not counted). */
    public long parameterCount() {
        return table.entries().stream().filter(e -> e.kind().trainable()).mapToLong(e -> e.tensor().numel()).sum();
    }

    public ArchitectureConfig architecture() {
        return arch;
    }

    public int numClasses() {
        return numClasses;
    }

    public int imageSize() {
        return imageSize;
    }

    public InputLayout layout() {
        return layout;
    }

    @Override
    public void close() {
        table.close();
    }
}
