package org.plankton.spark;

import java.util.Locale;

/** File format of the two output tables. */
public enum OutputFormat {
    /** Probabilities as one {@code array<float>} column; the compact, typed default. */
    PARQUET,
    /**
     * Probabilities spread over one column per class (named by the class, as in
     * {@code plankton classify}), because Spark's CSV writer cannot hold arrays.
     */
    CSV;

    /** Parses {@code parquet} or {@code csv}, ignoring case. */
    public static OutputFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output format '" + s + "' (known: parquet, csv)", e);
        }
    }

    /** The name Spark's DataFrameWriter uses. */
    public String sparkName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
