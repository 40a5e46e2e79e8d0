/**
 * Inference: the {@link org.plankton.nn.infer.Classifier} loads a model bundle or an ensemble and
 * turns images into full probability vectors using only the bundles' deterministic preprocessing;
 * the network itself is an {@link org.plankton.nn.engine.InferenceNetwork} of the process's engine.
 * With a domain model attached, {@link org.plankton.nn.infer.Scored} adds each image's
 * out-of-domain score from the same pass.
 * Calibration fitting, ensemble building and dataset evaluation are built on the Classifier.
 */
package org.plankton.nn.infer;
