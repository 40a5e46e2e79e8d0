package org.plankton.nn.torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.plankton.core.features.SizeFeatures;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.engine.FeatureBatch;

/**
 * A {@link TorchNetwork}'s penultimate features: every branch (convnet, fixed-scale net, size-feature
 * net) is a sequence ending with its linear output layer, so running all but that layer gives the
 * branch's features, and the last layer its logits, summed across branches as
 * {@link TorchNetwork#forward} sums them. Inference mode, in the network's precision.
 */
final class PenultimateFeatures {

    private PenultimateFeatures() {
    }

    static FeatureBatch of(TorchNetwork net, float[] rows, int first, int n) {
        NetworkBuilder.Parts parts = net.parts();
        InputLayout layout = net.layout();
        try (PointerScope scope = new PointerScope(); InferenceMode inference = new InferenceMode()) {
            Tensor input = net.input(rows, first, n);
            List<Tensor> features = new ArrayList<>();
            Tensor logits;
            try (Autocast region = Autocast.open(net.precision())) {
                logits = headed(parts.convnet(), net.convnetInput(input), features);
                if (layout.flat()) {
                    int side = net.imageSize();
                    int start = side * side;
                    if (parts.fixedNet() != null) {
                        int fs = layout.fixedSide();
                        Tensor fixed = net.image(input.narrow(1, start, (long) fs * fs).reshape(n, 1, fs, fs));
                        logits = logits.add(headed(parts.fixedNet(), fixed, features));
                        start += fs * fs;
                    }
                    if (parts.sizeNet() != null) {
                        logits = logits.add(headed(parts.sizeNet(), input.narrow(1, start, SizeFeatures.COUNT), features));
                    }
                }
            }
            Tensor all = features.size() == 1 ? features.get(0)
                    : torch.cat(new TensorVector(features.toArray(new Tensor[0])), 1);
            return new FeatureBatch(rowsOf(all, n), rowsOf(logits, n));
        }
    }

    /** Runs a branch, collecting its last layer's input; returns its logits in float32. */
    private static Tensor headed(Layer branch, Tensor x, List<Tensor> features) {
        if (!(branch instanceof Layer.Sequence seq) || seq.layers().size() < 2) {
            throw new IllegalStateException("a branch must be a sequence ending with its output layer");
        }
        List<Layer> layers = seq.layers();
        Tensor y = x;
        for (Layer l : layers.subList(0, layers.size() - 1)) {
            y = l.forward(y, false);
        }
        features.add(y.to(ScalarType.Float).reshape(y.size(0), -1));
        return layers.get(layers.size() - 1).forward(y, false).to(ScalarType.Float);
    }

    private static float[][] rowsOf(Tensor t, int n) {
        float[] flat = Tensors.toFloats(t.to(ScalarType.Float).contiguous());
        int width = flat.length / n;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return out;
    }
}
