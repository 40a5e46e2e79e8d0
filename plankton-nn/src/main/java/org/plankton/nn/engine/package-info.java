/**
 * The project's own small interface to the deep-learning engine, so that the training loop, the
 * {@link org.plankton.nn.infer.Classifier}, calibration, ensembles, distillation, warm starts and
 * the benchmarks never see which library runs the network: {@link org.plankton.nn.engine.Engine}
 * (one per process, from {@link org.plankton.nn.engine.Engines}), an
 * {@link org.plankton.nn.engine.InferenceNetwork} for probabilities, and the spec and precision
 * types they take. Weights cross this interface as engine-neutral
 * {@link org.plankton.core.weights.NamedTensor} lists and files.
 *
 * <p>Inference alone may run elsewhere: an {@link org.plankton.nn.engine.InferenceEngine} turns a
 * bundle into an {@code InferenceNetwork}; {@link org.plankton.nn.engine.InferenceEngines} has
 * libtorch's and finds others (ONNX Runtime, in plankton-onnx) with {@link java.util.ServiceLoader},
 * so this module never depends on the modules that provide them.
 */
package org.plankton.nn.engine;
