package org.plankton.server.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.domain.DomainModel;
import org.plankton.core.output.TrustColumns;
import org.plankton.nn.domain.DomainModels;
import org.plankton.nn.infer.Classifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of {@code classify --details}: attaches the bundle's domain model to the
 * classifier (its scores come from the same network pass) and turns each image's probabilities
 * and score into a {@link Trust}. The same rules as the CLI: an ensemble scored on its first member's domain model, none on
 * an engine without features; the model's own prediction sets (an ensemble's fitted on its blend;
 * the server always classifies with plain calibrated probabilities, which is what the sets were fitted on).
 */
final class TrustScoring {

    private static final Logger LOG = LoggerFactory.getLogger(TrustScoring.class);

    private final DomainModel domain;
    private final TrustColumns columns;

    private TrustScoring(DomainModel domain, TrustColumns columns) {
        this.domain = domain;
        this.columns = columns;
    }

    static TrustScoring attach(Classifier classifier, Path dir) throws BundleException, IOException {
        DomainModel domain = DomainModels.of(dir).orElse(null);
        if (domain != null) {
            try {
                classifier.setDomainModel(domain);
            } catch (IllegalArgumentException e) {
                LOG.warn("no out-of-domain scores: {}", e.getMessage());
                domain = null;
            }
        }
        TrustColumns columns = TrustColumns.forModel(dir, classifier.classes(), TrustColumns.DEFAULT_THRESHOLD);
        return new TrustScoring(domain, columns);
    }

    boolean scoresDomain() {
        return domain != null;
    }

    boolean hasSets() {
        return columns.hasSets();
    }

    /** {@code oodScore} NaN: not scored. */
    Trust of(float[] probabilities, double oodScore) {
        boolean scored = domain != null && !Double.isNaN(oodScore);
        TrustColumns.Row row = columns.of(probabilities);
        List<String> set = row.predictionSet().isEmpty() ? List.of() : Arrays.asList(row.predictionSet().split("\\|"));
        return new Trust(scored ? oodScore : null, scored ? domain.flags(oodScore) : null, row.group(),
                row.groupProbability(), set, columns.hasSets() ? columns.accept(probabilities) : null);
    }
}
