package org.plankton.core.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plankton.core.data.ClassList;
import org.plankton.core.metrics.Argmax;

/**
 * One row of {@code classify --details}: an image's top class and the out-of-domain verdict on it.
 * A record, so that further columns (group, prediction set, ...) are one component, one header name
 * and one cell each: {@link #HEADER} and {@link #cells()} are kept side by side for that reason.
 *
 * @param image          the path as given
 * @param topClass       the most probable class
 * @param topProbability its probability (calibrated unless --no-calibration)
 * @param oodScore       the out-of-domain score (squared Mahalanobis distance to the nearest class), NaN
 *                       when the model has no domain model
 * @param outOfDomain    whether the score is above the model's threshold; null without a domain model
 * @param trust          taxonomic back-off and prediction set ({@link TrustColumns}); null when not computed
 * @param accepted       whether the image keeps its top class under the model's per-class reject thresholds
 *                       (conformal.json); null without them
 */
public record ImageDetails(String image, String topClass, double topProbability, double oodScore, Boolean outOfDomain,
                           TrustColumns.Row trust, Boolean accepted) {

    /** The column order, then {@code accepted} (false: the reject option would call it unclassified). */
    public static final List<String> HEADER = List.of("image", "top_class", "top_probability", "group",
            "group_probability", "prediction_set", "ood_score", "out_of_domain", "accepted");

    /** The details of an image from its probabilities and score. */
    public static ImageDetails of(String image, ClassList classes, float[] probabilities, double oodScore,
                                  Boolean outOfDomain) {
        int best = Argmax.of(probabilities);
        return new ImageDetails(image, classes.name(best), probabilities[best], oodScore, outOfDomain, null, null);
    }

    /** The same details with the trust columns of {@code columns} (null: left empty). */
    public ImageDetails withTrust(TrustColumns columns, float[] probabilities) {
        return columns == null ? this : new ImageDetails(image, topClass, topProbability, oodScore, outOfDomain,
                columns.of(probabilities), columns.hasSets() ? columns.accept(probabilities) : null);
    }

    /** The cells in {@link #HEADER} order; empty for what is unknown. */
    public List<String> cells() {
        List<String> cells = new ArrayList<>(HEADER.size());
        cells.add(image);
        cells.add(topClass);
        cells.add(Float.toString((float) topProbability));
        cells.addAll(trust == null ? List.of("", "", "") : trust.cells());
        cells.add(Double.isNaN(oodScore) ? "" : String.format(Locale.ROOT, "%.3f", oodScore));
        cells.add(outOfDomain == null ? "" : outOfDomain.toString());
        cells.add(accepted == null ? "" : accepted.toString());
        return cells;
    }
}
