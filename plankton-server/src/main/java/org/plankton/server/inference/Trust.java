package org.plankton.server.inference;

import java.util.List;

/**
 * What the server says about how far to trust one prediction, as {@code classify --details} does:
 * the out-of-domain score and verdict (null when the bundle has no domain.json, or the engine gives
 * no features), the taxonomic back-off group, the conformal prediction set (empty without
 * conformal.json) and whether the top class passes the reject thresholds (null without conformal.json).
 * Images stored before these were computed carry {@link #NONE}.
 */
public record Trust(Double oodScore, Boolean outOfDomain, String group, Double groupProbability,
                    List<String> predictionSet, Boolean accepted) {

    public static final Trust NONE = new Trust(null, null, null, null, List.of(), null);

    public Trust {
        predictionSet = predictionSet == null ? List.of() : List.copyOf(predictionSet);
    }

    /** Refused by the reject option: the gallery shows it under {@code unclassified}. */
    public boolean rejected() {
        return Boolean.FALSE.equals(accepted);
    }
}
