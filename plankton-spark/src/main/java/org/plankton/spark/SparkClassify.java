package org.plankton.spark;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.DefaultModel;
import org.plankton.nn.infer.InferenceSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code spark-submit --class org.plankton.spark.SparkClassify} and of
 * {@code ./plankton spark-classify}. Without a master from {@code spark-submit} (or
 * {@code --master}) it runs in local mode on all cores.
 */
@Command(name = "spark-classify", mixinStandardHelpOptions = true, versionProvider = SparkClassify.Version.class,
        description = {"Classify every image under a folder on Apache Spark: one row per image "
                + "(probabilities, top class, error) and a per-sample count table.",
            "Output: OUT/predictions, OUT/counts, OUT/classes.txt, OUT/plankton-spark.json; a rerun replaces OUT."})
public final class SparkClassify implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--input", required = true, description = "Folder searched recursively (local path or a "
            + "Hadoop URI such as hdfs://... or s3a://...).")
    String input;

    @Option(names = "--out", required = true, description = "Output folder; replaced as a whole by a rerun.")
    String out;

    @Option(names = "--model", description = "Model bundle or ensemble folder on the driver (default: models/"
            + DefaultModel.NAME + " or $" + DefaultModel.ENV + ").")
    Path model;

    @Option(names = "--shared-model", description = "The --model path is readable at the same place on every "
            + "executor (shared file system); do not ship it with SparkContext.addFile.")
    boolean sharedModel;

    @Option(names = "--sample-level", defaultValue = "1", description = "Sample id = name of the folder K levels "
            + "above each file (default: ${DEFAULT-VALUE}, the parent folder).")
    int sampleLevel;

    @Option(names = "--format", defaultValue = "parquet", description = "parquet (default) or csv.")
    String format;

    @Option(names = "--tta", defaultValue = "1", description = "Average N views per image, as classify --tta.")
    int tta;

    @Option(names = "--tta-geometric", description = "Geometric instead of arithmetic mean of the views.")
    boolean geometric;

    @Option(names = "--no-calibration", description = "Do not apply the model's temperature scaling.")
    boolean noCalibration;

    @Option(names = "--batch-size", defaultValue = "64", description = "Images per network batch on an executor.")
    int batchSize;

    @Option(names = "--engine", description = "Inference engine on the executors: onnx (ONNX Runtime; libtorch is "
            + "then never loaded) or torch (default: onnx).")
    String engine;

    @Option(names = "--master", description = "Spark master when not run by spark-submit (default: local[*]).")
    String master;

    /** The git commit the launcher passes in, and the Spark version on the class path. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"plankton spark-classify (git " + System.getProperty("plankton.git", "unknown")
                    + "), Apache Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
        }
    }

    public static void main(String[] args) {
        int code = execute(args);
        if (code != EXIT_OK) {
            System.exit(code); // on success, return normally so spark-submit can shut down in its own way
        }
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new SparkClassify());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String where = e instanceof BundleException ? "model: " : "";
            cmd.getErr().println("spark-classify: " + where + e.getMessage());
            return EXIT_FAILURE;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("spark-classify: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        JobConfig config;
        try {
            config = new JobConfig(input, out, DefaultModel.resolve(model), sharedModel, sampleLevel,
                    OutputFormat.parse(format),
                    InferenceSettings.defaults().withTta(tta, geometric).withCalibrated(!noCalibration)
                            .withEngine(engine), batchSize);
            config.inference().inferenceEngine(); // an unknown --engine is a usage error here, not a failed task
        } catch (IllegalArgumentException e) {
            System.err.println("spark-classify: " + e.getMessage());
            return EXIT_USAGE;
        }
        // reuse a session that already exists in this JVM (a test, a notebook) and leave it running
        boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = session();
        try {
            ClassifyJob.Summary s = ClassifyJob.run(spark, config);
            System.err.printf("spark-classify: %s; %d sample(s) in %.1f s (%.1f files/s) -> %s%n", s.describe(),
                    s.samples(), s.seconds(), s.imagesPerSecond(), s.output());
            return EXIT_OK;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    private static final String LISTING_THRESHOLD = "spark.sql.sources.parallelPartitionDiscovery.threshold";

    private SparkSession session() {
        SparkSession.Builder b = SparkSession.builder().appName("plankton spark-classify");
        SparkConf given = new SparkConf();
        String m = master != null ? master : given.get("spark.master", "local[*]");
        b.master(m);
        if (m.startsWith("local")) {
            // the executor is this JVM: no web UI (and no port) unless asked for
            b.config("spark.ui.enabled", given.get("spark.ui.enabled", "false"));
            // and listing the input with a Spark job of one task per folder only adds task overhead to a
            // walk of the same local disk (4-5 s for 121 class folders measured; docs/results.md)
            b.config(LISTING_THRESHOLD, given.get(LISTING_THRESHOLD, "100000"));
        }
        return b.getOrCreate();
    }
}
