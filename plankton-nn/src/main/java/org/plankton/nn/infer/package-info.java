/**
 * Inference: a {@link org.plankton.nn.infer.Network} (a built DJL block with its weights) and the
 * {@link org.plankton.nn.infer.Classifier} that loads a model bundle and turns images into full
 * probability vectors using only the bundle's deterministic preprocessing.
 */
package org.plankton.nn.infer;
