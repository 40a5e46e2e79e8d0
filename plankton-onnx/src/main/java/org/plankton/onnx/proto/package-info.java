/**
 * The few messages of ONNX's {@code onnx.proto} that an exported network needs (model, graph, node,
 * attribute, tensor, value info), written from the field numbers of the spec with our own small
 * protobuf encoder ({@link org.plankton.onnx.proto.ProtoWriter}). No generated code and no ONNX
 * library: no maintained Java library on Maven Central writes ONNX graphs with convolutions
 * (Tribuo's {@code tribuo-util-onnx} covers opset 13 and the operators of its own linear and tree
 * models), and protobuf-java on the CLI's class path would change the protobuf version Spark's
 * libraries resolve. Only the graph package above this one knows what the nodes mean.
 */
package org.plankton.onnx.proto;
