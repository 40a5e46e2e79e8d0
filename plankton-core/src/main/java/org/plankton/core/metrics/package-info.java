/**
 * How good a model's probabilities are: multi-class log loss exactly as Kaggle scored the
 * National Data Science Bowl, accuracy, top-5 accuracy, per-class precision/recall/F1, the
 * confusion matrix and expected calibration error. Metrics are plain values
 * ({@link org.plankton.core.metrics.Evaluation}); nothing here touches a network or an engine.
 *
 * <p>All functions take probabilities as {@code float[images][classes]} and true labels as class
 * indices, validate shapes with {@link java.lang.IllegalArgumentException}s naming the bad
 * values, and compute in {@code double}.
 */
package org.plankton.core.metrics;
