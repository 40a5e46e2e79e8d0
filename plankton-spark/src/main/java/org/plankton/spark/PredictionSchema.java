package org.plankton.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Column names and types of the two output tables; the contract that readers of the output rely on. */
public final class PredictionSchema {

    public static final String PATH = "path";
    public static final String SAMPLE_ID = "sample_id";
    public static final String TOP_CLASS = "top_class";
    public static final String TOP_PROBABILITY = "top_probability";
    public static final String PROBABILITIES = "probabilities";
    public static final String ERROR = "error";
    /** Trust columns, as in {@code classify --details}; null where not computed (see docs/spark.md). */
    public static final String OOD_SCORE = "ood_score";
    public static final String OUT_OF_DOMAIN = "out_of_domain";
    public static final String GROUP = "group";
    public static final String GROUP_PROBABILITY = "group_probability";
    public static final String PREDICTION_SET = "prediction_set";
    public static final String ACCEPTED = "accepted";
    /** Counts table: images per sample and (top) class. */
    public static final String CLASS = "class";
    public static final String COUNT = "count";

    /**
     * One row per input file; for an unreadable file everything but path, sample and error is null.
     * The trust columns come after {@code error} so that readers by position keep working.
     */
    public static final StructType PREDICTIONS = new StructType(new StructField[] {
        DataTypes.createStructField(PATH, DataTypes.StringType, false),
        DataTypes.createStructField(SAMPLE_ID, DataTypes.StringType, true),
        DataTypes.createStructField(TOP_CLASS, DataTypes.StringType, true),
        DataTypes.createStructField(TOP_PROBABILITY, DataTypes.FloatType, true),
        DataTypes.createStructField(PROBABILITIES, DataTypes.createArrayType(DataTypes.FloatType, false), true),
        DataTypes.createStructField(ERROR, DataTypes.StringType, true),
        DataTypes.createStructField(OOD_SCORE, DataTypes.DoubleType, true),
        DataTypes.createStructField(OUT_OF_DOMAIN, DataTypes.BooleanType, true),
        DataTypes.createStructField(GROUP, DataTypes.StringType, true),
        DataTypes.createStructField(GROUP_PROBABILITY, DataTypes.DoubleType, true),
        DataTypes.createStructField(PREDICTION_SET, DataTypes.createArrayType(DataTypes.StringType, false), true),
        DataTypes.createStructField(ACCEPTED, DataTypes.BooleanType, true),
    });

    /** A row for a file that was not classified, with the reason. */
    static org.apache.spark.sql.Row error(String path, String sample, String reason) {
        return org.apache.spark.sql.RowFactory.create(path, sample, null, null, null, reason, null, null, null, null,
                null, null);
    }

    private PredictionSchema() {
    }
}
