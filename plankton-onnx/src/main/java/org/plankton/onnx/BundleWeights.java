package org.plankton.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.weights.DjlParamsReader;
import org.plankton.core.weights.NamedTensor;
import org.plankton.core.weights.Safetensors;

/**
 * Reads a bundle's weights file without any engine: DJL's {@code .params} (today's bundles) or
 * safetensors (what the torch engine writes), told apart by the file name the manifest gives.
 */
final class BundleWeights {

    private BundleWeights() {
    }

    static List<NamedTensor> read(ModelBundle bundle) throws IOException {
        Path file = bundle.weightsPath();
        return file.getFileName().toString().endsWith(".safetensors") ? Safetensors.read(file).tensors()
                : DjlParamsReader.read(file);
    }
}
