package org.plankton.core.bundle;

import java.util.Map;
import org.plankton.core.data.ClassList;
import org.plankton.core.preprocess.PreprocessConfig;

/**
 * Everything a new bundle contains except the weights and what is derived from them (checksum,
 * size) — those are produced by {@link BundleWriter} while writing.
 *
 * @param classes         class names in network-output order
 * @param preprocess      the deterministic preprocessing used in training
 * @param architecture    network settings, owned by the network module
 * @param provenance      see {@link Provenance#base()}; callers add data fingerprint, split, seed, config
 * @param metrics         validation metrics, possibly empty (see {@link BundleWriter#updateMetrics})
 * @param weightsFileName plain file name the weights writer writes, e.g. {@code "model.params"}
 */
public record BundleDraft(ClassList classes, PreprocessConfig preprocess, Map<String, Object> architecture,
                          Map<String, Object> provenance, Map<String, Object> metrics, String weightsFileName) {

    public BundleDraft {
        if (classes == null) {
            throw new IllegalArgumentException("classes must be given");
        }
        if (preprocess == null) {
            throw new IllegalArgumentException("preprocess settings must be given");
        }
        architecture = Maps.frozen(architecture, "architecture");
        provenance = Maps.frozen(provenance, "provenance");
        metrics = Maps.frozen(metrics, "metrics");
        ModelBundle.checkWeightsFileName(weightsFileName);
    }
}
