package org.plankton.nn.engine;

import java.io.IOException;
import org.plankton.core.bundle.ModelBundle;

/**
 * What runs a bundle's network for {@code classify} and {@code evaluate}: libtorch ({@value InferenceEngines#TORCH})
 * or, when module plankton-onnx is on the class path, ONNX Runtime ({@code onnx}). The inference side
 * only; training stays on {@link Engine}. Implementations other than torch are found with
 * {@link java.util.ServiceLoader} (see {@link InferenceEngines}) because plankton-nn must not depend
 * on the modules that provide them.
 */
public interface InferenceEngine {

    /** The name {@code --engine} takes, e.g. {@code onnx}. */
    String id();

    /** For logs, e.g. {@code ONNX Runtime 1.29.0}. */
    String description();

    /** Whether its networks compute in {@code precision}; the CLI refuses the others before loading anything. */
    boolean supports(Precision precision);

    /**
     * The network of {@code bundle}, returning plain softmax probabilities (temperature 1: the
     * {@code Classifier} applies calibration itself) exactly as the torch engine's do.
     */
    InferenceNetwork network(ModelBundle bundle, NetworkSpec spec) throws IOException;
}
