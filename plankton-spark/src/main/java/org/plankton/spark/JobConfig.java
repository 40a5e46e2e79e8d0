package org.plankton.spark;

import java.nio.file.Path;
import java.util.Objects;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.InferenceSettings;

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
 * @param inference    how the executors run the model (test-time augmentation, calibration, engine), as
 *                     {@code classify} would; sent to them with each task
 * @param batchSize    images decoded and handed to the model together within a partition
 */
public record JobConfig(String input, String output, Path model, boolean sharedModel, int sampleLevel,
                        OutputFormat format, InferenceSettings inference, int batchSize) {

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
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("batch size must be in [1, 4096], got " + batchSize);
        }
    }

    /** Parquet output, the model shipped by Spark, sample = parent folder, plain inference, batches of 64. */
    public static JobConfig of(String input, String output, Path model) {
        return new JobConfig(input, output, model, false, 1, OutputFormat.PARQUET, InferenceSettings.defaults(),
                Classifier.DEFAULT_BATCH_SIZE);
    }

    public JobConfig withFormat(OutputFormat f) {
        return new JobConfig(input, output, model, sharedModel, sampleLevel, f, inference, batchSize);
    }

    public JobConfig withSampleLevel(int level) {
        return new JobConfig(input, output, model, sharedModel, level, format, inference, batchSize);
    }

    public JobConfig withSharedModel(boolean shared) {
        return new JobConfig(input, output, model, shared, sampleLevel, format, inference, batchSize);
    }

    public JobConfig withInference(InferenceSettings s) {
        return new JobConfig(input, output, model, sharedModel, sampleLevel, format, s, batchSize);
    }

    public JobConfig withInput(String in) {
        return new JobConfig(in, output, model, sharedModel, sampleLevel, format, inference, batchSize);
    }
}
