/**
 * Out-of-domain detection, engine-neutral: a class-conditional Gaussian model of a network's
 * penultimate-layer features (shared covariance, low-rank plus isotropic residual), its
 * Mahalanobis score, the threshold calibrated on held-out in-domain images, the per-sample verdict,
 * the {@code domain.json} file format and the detection metrics (AUROC, FPR at a recall). A high
 * score means "unlike every class the model was trained on": the model's probabilities for such an
 * image are not to be trusted, however confident they look.
 */
package org.plankton.core.domain;
