/**
 * Static int8 quantisation of an exported graph in ONNX's QDQ form ({@link org.plankton.onnx.int8.Int8Export}):
 * batch norm folded into the convolutions, weights int8 per output channel, activations uint8 through
 * {@code QuantizeLinear -> DequantizeLinear} pairs whose scales come from a calibration pass of the
 * fp32 graph over training images. ONNX Runtime's Java API has no quantiser (that tool is Python
 * only); since we write the graph ourselves, we write the quantised one too, and ONNX Runtime's
 * optimiser fuses the QDQ pairs into QLinearConv, QGemm and QLinearLeakyRelu. Measured figures and
 * when to use it: docs/onnx.md and docs/results.md.
 */
package org.plankton.onnx.int8;
