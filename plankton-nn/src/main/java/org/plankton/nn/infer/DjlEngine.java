package org.plankton.nn.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.plankton.core.weights.NamedTensor;
import org.plankton.nn.engine.Engine;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.NetworkSpec;

/** DJL 0.36 behind the {@link Engine} interface, for processes that train on DJL; float32 only. */
public final class DjlEngine implements Engine {

    @Override
    public String description() {
        return "DJL 0.36 + libtorch 2.7.1";
    }

    @Override
    public InferenceNetwork network(NetworkSpec spec, List<NamedTensor> weights) {
        Network net = Network.create(spec.architecture(), spec.numClasses(), spec.imageSize());
        try {
            DjlWeights.load(net, weights);
            return net;
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    @Override
    public InferenceNetwork network(NetworkSpec spec, Path weightsFile) throws IOException {
        if (weightsFile.getFileName().toString().endsWith(".safetensors")) {
            return Engine.super.network(spec, weightsFile);
        }
        return Network.load(spec.architecture(), spec.numClasses(), spec.imageSize(), weightsFile);
    }
}
