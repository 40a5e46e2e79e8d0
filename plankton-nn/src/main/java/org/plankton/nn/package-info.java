/**
 * The deep-learning part of plankton: network architectures as data ({@code arch}), the engine
 * interface ({@code engine}) and its libtorch implementation ({@code torch}, JavaCPP), the training
 * loop ({@code train}), inference ({@code infer}) and measurements ({@code bench}). Everything that
 * holds native memory is {@link java.lang.AutoCloseable}.
 */
package org.plankton.nn;
