/**
 * The on-disk model format: a directory holding {@code manifest.json} (format version, weights
 * checksum, preprocessing, architecture), {@code classes.txt} (class names in index order),
 * {@code provenance.json} (where the model came from), {@code metrics.json} (how good it is) and
 * one weights file that only the deep-learning module interprets; bundles written with the
 * exporter on the class path also hold {@code model.onnx} (see
 * {@link org.plankton.core.bundle.OnnxFileWriter}), checksummed in the manifest like the weights.
 *
 * <p>Bundles are written atomically ({@link org.plankton.core.bundle.BundleWriter}) and verified
 * on load ({@link org.plankton.core.bundle.BundleReader}), so a crash during training never leaves
 * a half-written model, and a damaged or unknown bundle fails with a checked
 * {@link org.plankton.core.bundle.BundleException} that names the bundle and the problem instead
 * of producing wrong predictions. {@link org.plankton.core.bundle.AtomicFiles} offers the same
 * write-then-rename guarantee for any output file.
 */
package org.plankton.core.bundle;
