/**
 * ONNX export of plankton's networks ({@link org.plankton.onnx.OnnxExport}): the graph of every
 * architecture the trainer builds, with calibration and ensemble blending inside, so a runtime
 * outside the JVM (or ONNX Runtime inside it) computes the same probabilities from the same
 * preprocessed input. The messages themselves are in {@link org.plankton.onnx.proto}. Nothing
 * here loads a native engine.
 */
package org.plankton.onnx;
