/**
 * The deep-learning part of plankton, on DJL with the PyTorch engine: network architectures
 * ({@code arch}), the training loop ({@code train}) and inference ({@code infer}). Everything that
 * holds native memory is {@link java.lang.AutoCloseable}.
 */
package org.plankton.nn;
