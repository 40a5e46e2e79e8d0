/**
 * The few messages of ONNX's {@code onnx.proto} that an exported network needs (model, graph, node,
 * attribute, tensor, value info), written with protobuf-java's {@code CodedOutputStream} from the
 * field numbers of the spec. No generated code and no ONNX library: no maintained Java library on
 * Maven Central writes ONNX graphs with convolutions (Tribuo's {@code tribuo-util-onnx} covers
 * opset 13 and the operators of its linear and tree models only), and these messages are small.
 * Only the graph module above this package knows what the nodes mean.
 */
package org.plankton.onnx.proto;
