/**
 * Retraining from reviews (issue 19, item 5): validated and corrected images of chosen samples
 * become a labelled folder, the active model is fine-tuned on it in a background job
 * ({@link org.plankton.server.retrain.Retrainer}, one job at a time), and the result is kept as a new
 * model version under {@code <data dir>/models/vN} with its provenance: held-out figures of the old and
 * new model on a fixed fifth of the reviewed images, so a person decides whether to switch. Nothing here
 * switches the served model by itself; activation is an explicit request.
 */
package org.plankton.server.retrain;
