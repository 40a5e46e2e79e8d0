/**
 * Trust at the level of one image: conformal prediction sets and a reject option.
 *
 * <p>{@link org.plankton.core.conformal.ConformalSets}: split-conformal adaptive prediction sets
 * (APS): a set of classes that holds the true class of an image with a stated probability (90% by
 * default) over images like the calibration images, larger where the model is unsure. Thresholds
 * are per class (Mondrian) where a class has enough calibration images, so rare classes get their
 * coverage too rather than the common classes' average. {@link org.plankton.core.conformal.RejectThresholds}:
 * per-class thresholds on the top probability below which an image is left {@code unclassified}.
 * {@link org.plankton.core.conformal.PredictionSets} is both, as stored in a bundle's
 * {@code conformal.json}. The guarantees hold for the probabilities they were fitted on: the
 * bundle's calibrated, plain (no test-time augmentation) predictions.
 */
package org.plankton.core.conformal;
