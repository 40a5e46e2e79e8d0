/**
 * ONNX export of plankton's networks ({@link org.plankton.onnx.OnnxExport}): the graph of every
 * architecture the trainer builds, with calibration and ensemble blending inside, so a runtime
 * outside the JVM (or ONNX Runtime inside it) computes the same probabilities from the same
 * preprocessed input. The messages themselves are in {@link org.plankton.onnx.proto}. And the
 * {@code onnx} inference engine ({@link org.plankton.onnx.OrtEngine}, found by plankton-nn through
 * {@link java.util.ServiceLoader}): the only classes here that load ONNX Runtime's native library,
 * and only when a command asks for {@code --engine onnx}. Its int8 variant, quantised in QDQ form
 * by our own exporter: {@link org.plankton.onnx.int8}.
 */
package org.plankton.onnx;
