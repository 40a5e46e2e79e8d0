package org.plankton.nn.torch;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/** One step of a network's forward pass; its parameters live in the network's {@link ParameterTable}. */
@FunctionalInterface
interface Layer {

    Tensor forward(Tensor x, boolean training);

    /** The layers one after the other. */
    static Layer sequence(List<Layer> layers) {
        List<Layer> copy = List.copyOf(layers);
        return (x, training) -> {
            Tensor y = x;
            for (Layer l : copy) {
                y = l.forward(y, training);
            }
            return y;
        };
    }
}
