package org.plankton.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.domain.DomainModel;
import org.plankton.core.domain.DomainTally;
import org.plankton.core.output.AbundanceTable;
import org.plankton.nn.domain.DomainModels;
import org.plankton.nn.infer.Classifier;

/**
 * classify's out-of-domain side: scores every image when the model has a domain model (free: the
 * same network pass), tallies flagged images per sample, and warns about samples where more than
 * {@value #WARN_ABOVE} of the images (and at least {@value #WARN_MIN_FLAGGED}) are flagged. Off, silently, for models without domain.json
 * (an ensemble scores on its first member's); off with a note on an engine that does not expose features (ONNX).
 */
final class DomainScoring {

    /** Share of a sample flagged above which classify warns (a fifth: four times the 5% expected in-domain). */
    static final double WARN_ABOVE = 0.2;
    /**
     * Flagged images a sample needs, too, before classify warns: with 5% of in-domain images flagged,
     * one of a 4-image sample is flagged 19% of the time; three are flagged 0.05% of the time.
     */
    static final long WARN_MIN_FLAGGED = 3;

    private final DomainModel model;
    private final DomainTally tally = new DomainTally();

    private DomainScoring(DomainModel model) {
        this.model = model;
    }

    static DomainScoring attach(Classifier classifier, Path modelDir, InferenceOptions options) throws BundleException {
        DomainModel model = DomainModels.of(modelDir).orElse(null);
        if (model == null) {
            return new DomainScoring(null);
        }
        try {
            classifier.setDomainModel(model);
        } catch (IllegalArgumentException e) {
            System.err.println("note: no out-of-domain scores: " + e.getMessage());
            return new DomainScoring(null);
        }
        return new DomainScoring(model);
    }

    /** Records an image's score; whether it is flagged, or null when scoring is off. */
    Boolean add(Path file, double score) {
        if (model == null || Double.isNaN(score)) {
            return null;
        }
        boolean flagged = model.flags(score);
        tally.add(AbundanceTable.sampleOf(file, 1), flagged);
        return flagged;
    }

    /** One line per sample with more than a fifth of its images flagged (and at least {@value #WARN_MIN_FLAGGED}). */
    List<String> warnings() {
        return tally.samplesAbove(WARN_ABOVE).stream().filter(s -> s.flagged() >= WARN_MIN_FLAGGED).map(s -> String.format(Locale.ROOT,
                "warning: sample %s: %.0f%% of its %d images are out-of-domain (unlike the model's training images): "
                        + "their predictions are unreliable; see `plankton domain-check`", s.sample(),
                100 * s.outOfDomainFraction(), s.images())).toList();
    }
}
