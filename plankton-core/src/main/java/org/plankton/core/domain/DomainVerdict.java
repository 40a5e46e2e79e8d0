package org.plankton.core.domain;

/**
 * What a set of images (a sample folder, or everything checked) looks like to the model. With the
 * threshold letting 95% of in-domain images pass, an in-domain sample has about 5% flagged; the
 * cut-offs leave room for that and for small samples.
 */
public enum DomainVerdict {
    /** Under {@value #IN_DOMAIN_BELOW} of the images flagged. */
    IN_DOMAIN("in-domain", "the model's predictions apply"),
    /** Between the two cut-offs. */
    MIXED("mixed", "check the flagged images (classify --details): some are unlike the training data"),
    /** Over {@value #OUT_OF_DOMAIN_ABOVE} of the images flagged. */
    OUT_OF_DOMAIN("out-of-domain", "do not trust these predictions; fine-tune on labelled images of this instrument "
            + "(train --init MODEL --data DIR)");

    /** Fraction flagged below which a set is in-domain. */
    public static final double IN_DOMAIN_BELOW = 0.10;
    /** Fraction flagged above which a set is out-of-domain. */
    public static final double OUT_OF_DOMAIN_ABOVE = 0.50;

    private final String label;
    private final String advice;

    DomainVerdict(String label, String advice) {
        this.label = label;
        this.advice = advice;
    }

    public static DomainVerdict of(double flaggedFraction) {
        if (Double.isNaN(flaggedFraction) || flaggedFraction < 0 || flaggedFraction > 1) {
            throw new IllegalArgumentException("flagged fraction must be in [0, 1], got " + flaggedFraction);
        }
        if (flaggedFraction < IN_DOMAIN_BELOW) {
            return IN_DOMAIN;
        }
        return flaggedFraction > OUT_OF_DOMAIN_ABOVE ? OUT_OF_DOMAIN : MIXED;
    }

    /** As written in reports and JSON: {@code in-domain}, {@code mixed}, {@code out-of-domain}. */
    public String label() {
        return label;
    }

    public String advice() {
        return advice;
    }
}
