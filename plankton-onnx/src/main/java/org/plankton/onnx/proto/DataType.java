package org.plankton.onnx.proto;

/** The element types we write ({@code TensorProto.DataType} of onnx.proto). */
public enum DataType {
    FLOAT(1, 4),
    /** Quantised activations (QuantizeLinear's output, asymmetric with a zero point). */
    UINT8(2, 1),
    /** Quantised weights (symmetric, per output channel). */
    INT8(3, 1),
    /** Quantised biases (scale = input scale x weight scale, zero point 0), as QLinearConv wants them. */
    INT32(6, 4),
    INT64(7, 8),
    /** Weights stored in half precision (a bundle whose weights are float16), cast to FLOAT in the graph. */
    FLOAT16(10, 2);

    /** The enum value in onnx.proto. */
    public final int code;
    /** Bytes per element in {@code raw_data} (little-endian). */
    public final int bytes;

    DataType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }
}
