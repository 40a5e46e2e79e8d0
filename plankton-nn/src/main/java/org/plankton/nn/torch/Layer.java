package org.plankton.nn.torch;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/** One step of a network's forward pass; its parameters live in the network's {@link ParameterTable}. */
@FunctionalInterface
interface Layer {

    Tensor forward(Tensor x, boolean training);

    /** The layers one after the other. */
    static Layer sequence(List<Layer> layers) {
        return new Sequence(List.copyOf(layers));
    }

    /** A layer with the kind of operation it is, so a divergence diagnosis can name it. */
    static Layer named(String kind, Layer layer) {
        return new Named(kind, layer);
    }

    /** What kind of operation {@code layer} is ({@code Conv2d}, {@code BatchNorm}, ...). */
    static String kind(Layer layer) {
        return layer instanceof Named n ? n.kind() : layer instanceof Sequence ? "Sequence" : "Layer";
    }

    /** Layers in order; kept as a list so they can be run one at a time when tracing a divergence. */
    record Sequence(List<Layer> layers) implements Layer {
        @Override
        public Tensor forward(Tensor x, boolean training) {
            Tensor y = x;
            for (Layer l : layers) {
                y = l.forward(y, training);
            }
            return y;
        }
    }

    /** A layer and the kind of operation it is. */
    record Named(String kind, Layer layer) implements Layer {
        @Override
        public Tensor forward(Tensor x, boolean training) {
            return layer.forward(x, training);
        }
    }
}
