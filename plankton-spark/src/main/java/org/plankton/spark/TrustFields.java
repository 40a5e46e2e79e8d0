package org.plankton.spark;

import java.io.IOException;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.domain.DomainModel;
import org.plankton.core.output.TrustColumns;
import org.plankton.nn.domain.DomainModels;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.InferenceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executor side of the trust columns of {@link PredictionSchema#PREDICTIONS}, by the rules of
 * {@code classify --details}: out-of-domain scores from the bundle's domain.json (same network
 * pass; an ensemble's on its first member's features; none on an engine without features), the taxonomic back-off, and
 * prediction sets and the reject option only where the sets hold (the model's own, an ensemble's
 * fitted on its blend; plain calibrated probabilities: no TTA, no {@code --no-calibration}).
 */
final class TrustFields {

    private static final Logger LOG = LoggerFactory.getLogger(TrustFields.class);

    /** One image's values, in schema order; null where not computed. */
    record Values(Double oodScore, Boolean outOfDomain, String group, Double groupProbability,
                  String[] predictionSet, Boolean accepted) {
    }

    private final DomainModel domain;
    private final TrustColumns columns;

    private TrustFields(DomainModel domain, TrustColumns columns) {
        this.domain = domain;
        this.columns = columns;
    }

    static TrustFields attach(Classifier classifier) throws BundleException, IOException {
        InferenceSettings settings = classifier.settings();
        DomainModel domain = DomainModels.of(classifier.directory()).orElse(null);
        if (domain != null) {
            try {
                classifier.setDomainModel(domain);
            } catch (IllegalArgumentException e) {
                LOG.warn("no out-of-domain scores: {}", e.getMessage());
                domain = null;
            }
        }
        boolean setsHold = settings.ttaViews() == 1 && settings.calibrated();
        TrustColumns columns = setsHold
                ? TrustColumns.forModel(classifier.directory(), classifier.classes(), TrustColumns.DEFAULT_THRESHOLD)
                : TrustColumns.withoutSets(classifier.directory(), classifier.classes(), TrustColumns.DEFAULT_THRESHOLD);
        return new TrustFields(domain, columns);
    }

    /** {@code oodScore} NaN: not scored. */
    Values of(float[] probabilities, double oodScore) {
        boolean scored = domain != null && !Double.isNaN(oodScore);
        TrustColumns.Row row = columns.of(probabilities);
        String[] set = row.predictionSet().isEmpty() ? new String[0] : row.predictionSet().split("\\|");
        return new Values(scored ? oodScore : null, scored ? domain.flags(oodScore) : null, row.group(),
                row.groupProbability(), set, columns.hasSets() ? columns.accept(probabilities) : null);
    }

    @Override
    public String toString() {
        return "trust(domain=" + (domain != null) + ", sets=" + columns.hasSets() + ")";
    }
}
