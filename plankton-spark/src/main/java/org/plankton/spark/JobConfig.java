package org.plankton.spark;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one run of {@link ClassifyJob} does.
 *
 * @param input        folder (local path or any Hadoop file system URI) searched recursively
 * @param output       folder that receives the result; replaced as a whole by a later run
 * @param model        model bundle or ensemble folder as seen by the driver
 * @param sharedModel  {@code true}: {@code model} is at the same path on every executor (shared
 *                     file system, or installed on each node) and is not shipped; {@code false}:
 *                     the driver ships it through {@code SparkContext.addFile}
 * @param sampleLevel  the sample id is the folder this many levels above the file (1 = parent)
 * @param format       format of both output tables
 * @param inference    test-time augmentation, calibration and batch size on the executors
 */
public record JobConfig(String input, String output, Path model, boolean sharedModel, int sampleLevel,
                        OutputFormat format, InferenceSettings inference) {

    public JobConfig {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(inference, "inference");
        if (input.isBlank() || output.isBlank()) {
            throw new IllegalArgumentException("input and output must not be blank, got '" + input + "' and '"
                    + output + "'");
        }
        if (sampleLevel < 1) {
            throw new IllegalArgumentException("sample level must be >= 1, got " + sampleLevel);
        }
    }

    /** Parquet output, the model shipped by Spark, sample = parent folder, plain inference. */
    public static JobConfig of(String input, String output, Path model) {
        return new JobConfig(input, output, model, false, 1, OutputFormat.PARQUET, InferenceSettings.defaults());
    }

    public JobConfig withFormat(OutputFormat f) {
        return new JobConfig(input, output, model, sharedModel, sampleLevel, f, inference);
    }

    public JobConfig withSampleLevel(int level) {
        return new JobConfig(input, output, model, sharedModel, level, format, inference);
    }

    public JobConfig withSharedModel(boolean shared) {
        return new JobConfig(input, output, model, shared, sampleLevel, format, inference);
    }

    public JobConfig withInference(InferenceSettings s) {
        return new JobConfig(input, output, model, sharedModel, sampleLevel, format, s);
    }

    public JobConfig withInput(String in) {
        return new JobConfig(in, output, model, sharedModel, sampleLevel, format, inference);
    }
}
