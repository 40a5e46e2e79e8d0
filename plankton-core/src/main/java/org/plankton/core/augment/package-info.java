/**
 * Random (training) and quasi-random (test-time) affine augmentation.
 *
 * <p>Kept apart from {@code org.plankton.core.preprocess} on purpose: inference preprocessing must
 * be deterministic and is saved with a model, augmentation is a training (and TTA) choice. Here
 * only {@link org.plankton.core.preprocess.Affine} maps are produced, in canvas pixels about the
 * canvas centre; {@link org.plankton.core.preprocess.Preprocessor} composes them with the size
 * normalisation and samples once. Ranges follow the 2015 "Deep Sea" recipe
 * (docs/deep-sea-recipe.md). All randomness comes from a caller's {@link java.util.Random}, so one
 * seed reproduces a training run.
 */
package org.plankton.core.augment;
