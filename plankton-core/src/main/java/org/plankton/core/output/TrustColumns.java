package org.plankton.core.output;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.conformal.PredictionSets;
import org.plankton.core.taxonomy.GroupPrediction;
import org.plankton.core.taxonomy.Taxonomy;

/**
 * The per-image trust columns {@code group,group_probability,prediction_set} of a details CSV:
 * the taxonomic back-off of the image's probabilities and its conformal prediction set (class
 * names joined by {@code |}, most probable first; empty when the bundle has no conformal.json).
 * Built once per run with {@link #forBundle}, then {@link #of} per image. The probabilities must be
 * the bundle's calibrated, plain ones (no TTA, no {@code --no-calibration}): the sets were fitted on those.
 */
public final class TrustColumns {

    public static final List<String> HEADER = List.of("group", "group_probability", "prediction_set");
    /** The back-off threshold when none is given. */
    public static final double DEFAULT_THRESHOLD = 0.8;

    /** One image's cells. */
    public record Row(String group, double groupProbability, String predictionSet) {
        public List<String> cells() {
            return List.of(group, String.format(Locale.ROOT, "%.4f", groupProbability), predictionSet);
        }
    }

    private final Taxonomy taxonomy;
    private final Optional<PredictionSets> sets;
    private final double threshold;

    public TrustColumns(Taxonomy taxonomy, Optional<PredictionSets> sets, double threshold) {
        this.taxonomy = taxonomy;
        this.sets = sets;
        this.threshold = threshold;
    }

    /** The bundle's taxonomy (taxonomy.csv or derived) and its conformal.json, if any. */
    public static TrustColumns forBundle(ModelBundle bundle, double threshold) throws IOException {
        return forModel(bundle.directory(), bundle.classes(), threshold);
    }

    /**
     * As {@link #forBundle}, for a bundle or an ensemble folder: an ensemble's own taxonomy.csv and
     * conformal.json (fitted on its blend by {@code fit-sets}), never its members'.
     */
    public static TrustColumns forModel(java.nio.file.Path dir, org.plankton.core.data.ClassList classes, double threshold)
            throws IOException {
        return new TrustColumns(Taxonomy.forBundle(dir, classes), PredictionSets.of(dir, classes), threshold);
    }

    /** Back-off only, no sets: for probabilities the sets were not fitted on (TTA means, uncalibrated ones). */
    public static TrustColumns withoutSets(java.nio.file.Path dir, org.plankton.core.data.ClassList classes,
                                           double threshold) throws IOException {
        return new TrustColumns(Taxonomy.forBundle(dir, classes), Optional.empty(), threshold);
    }

    public Row of(float[] probabilities) {
        GroupPrediction g = taxonomy.backOff(probabilities, threshold);
        return new Row(g.name(), g.probability(), sets.map(s -> s.setNames(probabilities)).orElse(""));
    }

    /** Whether prediction sets and reject thresholds were fitted (conformal.json). */
    public boolean hasSets() {
        return sets.isPresent();
    }

    /** Whether the image keeps its top class under the bundle's reject thresholds (true without conformal.json). */
    public boolean accept(float[] probabilities) {
        return sets.map(s -> s.accept(probabilities)).orElse(true);
    }
}
