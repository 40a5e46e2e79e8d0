/**
 * The deterministic path from a {@link org.plankton.core.image.GrayImage} to the network's input
 * canvas: invert, size-normalise into a square canvas, normalise with a global mean and std.
 *
 * <p>Only {@link org.plankton.core.preprocess.PreprocessConfig} is saved with a model, so
 * everything here must be a pure function of that config and the image: training, evaluation,
 * the CLI, the server and Spark must produce identical tensors for the same file. Random
 * augmentation lives in {@code org.plankton.core.augment} and enters only as an optional
 * {@link org.plankton.core.preprocess.Affine}, so that the warp is done once, with a single
 * interpolation, instead of resampling an already resampled image.
 */
package org.plankton.core.preprocess;
