package org.plankton.onnx;

import java.util.List;
import org.plankton.core.calibration.TemperatureScaling;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.weights.NamedTensor;
import org.plankton.nn.arch.ArchitectureConfig;

/**
 * One trained network as the exporter needs it: what {@code train} records in a bundle, with the
 * weights already read. The input side is {@code preprocess.imageSize()}.
 *
 * @param architecture the network ({@code manifest.json}'s architecture)
 * @param preprocess   how its input images are prepared (recorded in the graph's metadata and docs)
 * @param weights      every parameter and running statistic in the network's own order
 *                     ({@code TorchNetwork.weights()}, or a DJL {@code .params} file as read by
 *                     {@code DjlParamsReader})
 * @param temperature  the fitted temperature ({@code calibration.json}; 1 when uncalibrated)
 */
public record OnnxMember(ArchitectureConfig architecture, PreprocessConfig preprocess, List<NamedTensor> weights,
                         double temperature) {

    public OnnxMember {
        if (architecture == null || preprocess == null || weights == null) {
            throw new IllegalArgumentException("architecture, preprocessing and weights must be given");
        }
        weights = List.copyOf(weights);
        new TemperatureScaling(temperature); // validates: positive and finite
    }

    public int imageSize() {
        return preprocess.imageSize();
    }
}
