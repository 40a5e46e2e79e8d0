/**
 * Network weights as plain data, independent of any deep-learning engine: an ordered list of named
 * float tensors ({@link org.plankton.core.weights.NamedTensor}), read from DJL's {@code .params}
 * files ({@link org.plankton.core.weights.DjlParamsReader}: every bundle written so far) and read
 * and written as safetensors ({@link org.plankton.core.weights.Safetensors}: the common exchange
 * format, which PyTorch, ONNX tooling and most other stacks read). This is what lets weights move
 * between engines (DJL today, JavaCPP's libtorch for bf16 training) without either engine loaded.
 */
package org.plankton.core.weights;
