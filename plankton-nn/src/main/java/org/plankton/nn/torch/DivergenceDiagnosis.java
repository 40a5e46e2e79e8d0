package org.plankton.nn.torch;

import java.util.Locale;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Says where a diverged network went wrong: the first parameter that is no longer finite, and the
 * first layer of the image branch whose activations on the offending batch are non-finite or
 * exploded (the branch's layers run one at a time, in the network's precision). Runs only after a
 * divergence, so its cost does not matter.
 */
final class DivergenceDiagnosis {

    /** Activations above this magnitude count as exploded (a healthy batch-normed net stays below 1e3). */
    static final float EXPLODED = 1e6f;

    private DivergenceDiagnosis() {
    }

    static String describe(TorchNetwork network, float[] rows, int n) {
        StringBuilder why = new StringBuilder();
        network.firstNonFiniteParameter().ifPresent(p -> why.append("first non-finite weights: ").append(p).append("; "));
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard();
             Autocast region = Autocast.open(network.precision())) {
            why.append(firstExplodedLayer(network, network.convnetInput(network.input(rows, 0, n))));
        } catch (RuntimeException e) {
            why.append("could not trace the layers (").append(e.getMessage()).append(')');
        }
        return why.toString();
    }

    private static String firstExplodedLayer(TorchNetwork network, Tensor x) {
        if (!(network.convnet() instanceof Layer.Sequence layers)) {
            return "image branch is not a layer sequence";
        }
        Tensor h = x;
        int index = 0;
        for (Layer layer : layers.layers()) {
            index++;
            h = layer.forward(h, true);
            float max = h.abs().amax().to(ScalarType.Float).item_float();
            if (!Float.isFinite(max) || max > EXPLODED) {
                return String.format(Locale.ROOT, "activations exploded at layer %d of the image branch (%s, max |x| = %.3g)",
                        index, Layer.kind(layer), max);
            }
        }
        return "the image branch's activations stay finite on this batch (the loss or a later branch overflowed)";
    }
}
