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
    /** Counts table: images per sample and (top) class. */
    public static final String CLASS = "class";
    public static final String COUNT = "count";

    /** One row per input file; for an unreadable file everything but path, sample and error is null. */
    public static final StructType PREDICTIONS = new StructType(new StructField[] {
        DataTypes.createStructField(PATH, DataTypes.StringType, false),
        DataTypes.createStructField(SAMPLE_ID, DataTypes.StringType, true),
        DataTypes.createStructField(TOP_CLASS, DataTypes.StringType, true),
        DataTypes.createStructField(TOP_PROBABILITY, DataTypes.FloatType, true),
        DataTypes.createStructField(PROBABILITIES, DataTypes.createArrayType(DataTypes.FloatType, false), true),
        DataTypes.createStructField(ERROR, DataTypes.StringType, true),
    });

    private PredictionSchema() {
    }
}
