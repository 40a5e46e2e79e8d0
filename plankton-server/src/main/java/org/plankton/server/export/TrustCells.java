package org.plankton.server.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plankton.server.inference.Trust;

/**
 * An image's trust fields as export cells, in classify --details order; empty where not computed
 * (both CSV readers and EcoTaxa read an empty cell as missing, not as 0 or false).
 */
final class TrustCells {

    static final List<String> HEADER = List.of("ood_score", "out_of_domain", "group", "group_probability",
            "prediction_set", "accepted");

    private TrustCells() {
    }

    /** {@code yes}/{@code no}: how the format writes a boolean (EcoTaxa has none, so 1/0 there). */
    static List<String> of(Trust t, String yes, String no) {
        List<String> cells = new ArrayList<>(HEADER.size());
        cells.add(t.oodScore() == null ? "" : String.format(Locale.ROOT, "%.4f", t.oodScore()));
        cells.add(t.outOfDomain() == null ? "" : t.outOfDomain() ? yes : no);
        cells.add(t.group() == null ? "" : t.group());
        cells.add(t.groupProbability() == null ? "" : String.format(Locale.ROOT, "%.4f", t.groupProbability()));
        cells.add(String.join("|", t.predictionSet()));
        cells.add(t.accepted() == null ? "" : t.accepted() ? yes : no);
        return cells;
    }
}
