package org.plankton.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.data.ClassList;
import org.plankton.core.data.SkipCounts;
import org.plankton.core.image.NotAnImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark job: every file under the input folder, once, into
 * <pre>
 * OUT/predictions/   path, sample_id, top_class, top_probability, probabilities, error, ood_score,
 *                    out_of_domain, group, group_probability, prediction_set, accepted
 *                    (error set for files that are not images by content or cannot be read)
 * OUT/counts/        sample_id, class, count   (images per sample and top class; errors excluded)
 * OUT/classes.txt    the class of each position of probabilities, one a line
 * OUT/plankton-spark.json   what was run and the totals; written last
 * </pre>
 * Files are images by their first bytes, as for {@code plankton classify}, whatever their names;
 * only hidden ones ({@code .} or {@code _} first, Spark's rule) are skipped, and counted. Runs on
 * the caller's {@link SparkSession}, so the same code serves {@code spark-submit} on a cluster,
 * the launcher's local mode and tests.
 */
public final class ClassifyJob {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifyJob.class);

    /**
     * Spark packs small files into one read partition until their sizes plus this "open cost" fill
     * 128 MB; its default (4 MB) makes partitions of about 30 images, too few for a 64-image batch.
     * 64 KB gives partitions of a thousand or more small images; set the key to override.
     */
    static final String OPEN_COST_KEY = "spark.sql.files.openCostInBytes";
    static final String OPEN_COST = String.valueOf(64 * 1024);
    /**
     * At least four read partitions per core (unless set): a small input otherwise becomes, say,
     * 3 partitions on 2 cores, and the last one runs alone with half the machine idle.
     */
    static final String MIN_PARTITIONS_KEY = "spark.sql.files.minPartitionNum";

    /**
     * Totals of a finished run.
     *
     * @param images    rows written: every file that is not hidden, image or not
     * @param errors    rows with an error: files that are not images, and unreadable ones
     * @param notImages of the errors, files that are not images by content
     * @param hidden    hidden files and folders skipped (not in the output)
     */
    public record Summary(String output, long images, long errors, long notImages, long hidden, long samples,
                          List<String> classes, double seconds) {

        public double imagesPerSecond() {
            return seconds > 0 ? images / seconds : 0;
        }

        public long classified() {
            return images - errors;
        }

        /** "N classified, M unreadable, K skipped as not images[, H hidden ...]", as {@code classify} says it. */
        public String describe() {
            return classified() + " classified, "
                    + new SkipCounts(errors - notImages, notImages, hidden, 0).describe();
        }
    }

    /** The prediction rows (lazy) and what the listing skipped as hidden. */
    record Classified(Dataset<Row> rows, long hidden) {
    }

    private ClassifyJob() {
    }

    /** Runs the job and replaces {@code config.output()} with the result; nothing is replaced on failure. */
    public static Summary run(SparkSession spark, JobConfig config) throws IOException, BundleException {
        long t0 = System.nanoTime();
        ClassList classes = readClasses(config.model());
        checkColumnNames(classes, config.format());
        ModelSource source = config.sharedModel() ? ModelSource.shared(config.model())
                : ModelShipper.ship(spark.sparkContext(), config.model());
        if (!spark.conf().contains(OPEN_COST_KEY)) {
            spark.conf().set(OPEN_COST_KEY, OPEN_COST);
        }
        if (!spark.conf().contains(MIN_PARTITIONS_KEY)) {
            spark.conf().set(MIN_PARTITIONS_KEY, String.valueOf(4 * spark.sparkContext().defaultParallelism()));
        }
        OutputFolder out = OutputFolder.prepare(config.output(), spark.sparkContext().hadoopConfiguration());
        boolean committed = false;
        try {
            Classified classified = classify(spark, config, source);
            Dataset<Row> predictions = classified.rows();
            String predictionsDir = new org.apache.hadoop.fs.Path(out.temp(), "predictions").toString();
            writeTable(forFormat(predictions, classes, config.format()), config.format(), predictionsDir);

            // counts and totals from what was written, so the two tables agree by construction
            Dataset<Row> written = readTable(spark, config.format(), predictionsDir)
                    .select(PredictionSchema.SAMPLE_ID, PredictionSchema.TOP_CLASS, PredictionSchema.ERROR);
            Dataset<Row> counts = written.where(col(PredictionSchema.ERROR).isNull())
                    .groupBy(col(PredictionSchema.SAMPLE_ID), col(PredictionSchema.TOP_CLASS).as(PredictionSchema.CLASS))
                    .agg(count(lit(1)).as(PredictionSchema.COUNT))
                    .orderBy(PredictionSchema.SAMPLE_ID, PredictionSchema.CLASS)
                    .coalesce(1);
            writeTable(counts, config.format(), new org.apache.hadoop.fs.Path(out.temp(), "counts").toString());
            Row totals = written.agg(count(lit(1)),
                    sum(when(col(PredictionSchema.ERROR).isNotNull(), 1).otherwise(0)),
                    countDistinct(col(PredictionSchema.SAMPLE_ID)),
                    sum(when(col(PredictionSchema.ERROR).startsWith(NotAnImage.PREFIX), 1).otherwise(0))).first();
            long images = totals.getLong(0);
            long errors = totals.isNullAt(1) ? 0 : totals.getLong(1);
            long notImages = totals.isNullAt(3) ? 0 : totals.getLong(3);
            Summary summary = new Summary(out.target().toString(), images, errors, notImages, classified.hidden(),
                    totals.getLong(2), classes.names(), (System.nanoTime() - t0) / 1e9);

            writeText(out, "classes.txt", String.join("\n", classes.names()) + "\n");
            writeText(out, OutputFolder.MARKER, summaryJson(config, summary));
            out.commit();
            committed = true;
            LOG.info("{} into {}", summary.describe(), out.target());
            return summary;
        } finally {
            if (!committed) {
                out.abort();
            }
            if (spark.sparkContext().isLocal()) {
                ExecutorModels.closeAll(); // the driver was the executor: free the native memory now
            }
        }
    }

    /**
     * The prediction rows, before they are written (lazy, nothing runs until an action): one per
     * file Spark lists, plus an error row for each entry its listing leaves out (see {@link UnlistedFiles}).
     */
    static Classified classify(SparkSession spark, JobConfig config, ModelSource source) throws IOException {
        Broadcast<SerializableConfiguration> conf = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        // every file, whatever its name: PartitionClassifier tells images by their first bytes.
        // content is deliberately not selected: PartitionClassifier reads each file itself
        Dataset<Row> files = spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true")
                .load(config.input())
                .select("path", "length");
        UnlistedFiles.Found unlisted = UnlistedFiles.under(config.input(), spark.sparkContext().hadoopConfiguration());
        for (String link : unlisted.loopLinks()) {
            files = files.where(not(col("path").startsWith(link + "/"))); // the same files again, level after level
        }
        Dataset<Row> classified = files.mapPartitions(
                new PartitionClassifier(source, config.inference(), config.batchSize(), config.sampleLevel(), conf),
                Encoders.row(PredictionSchema.PREDICTIONS));
        List<Row> errors = new ArrayList<>();
        for (UnlistedFiles.Entry e : unlisted.errors()) {
            errors.add(PredictionSchema.error(e.path(), SampleId.of(e.path(), config.sampleLevel()), e.reason()));
        }
        Dataset<Row> rows = errors.isEmpty() ? classified
                : classified.union(spark.createDataFrame(errors, PredictionSchema.PREDICTIONS).coalesce(1));
        return new Classified(rows, unlisted.hidden());
    }

    /** Checks the bundle on the driver (without loading the native engine) and returns its classes. */
    static ClassList readClasses(Path model) throws BundleException {
        return EnsembleBundle.isEnsemble(model) ? EnsembleBundle.read(model).classes()
                : BundleReader.read(model).classes();
    }

    /** Parquet keeps the array; CSV cannot hold one, so each class gets a column, as in {@code classify}. */
    private static Dataset<Row> forFormat(Dataset<Row> predictions, ClassList classes, OutputFormat format) {
        if (format == OutputFormat.PARQUET) {
            return predictions;
        }
        List<Column> cols = new ArrayList<>();
        cols.add(col(PredictionSchema.PATH));
        cols.add(col(PredictionSchema.SAMPLE_ID));
        cols.add(col(PredictionSchema.TOP_CLASS));
        cols.add(col(PredictionSchema.TOP_PROBABILITY));
        for (int k = 0; k < classes.size(); k++) {
            cols.add(col(PredictionSchema.PROBABILITIES).getItem(k).as(classes.name(k)));
        }
        for (String c : TRUST_COLUMNS) {
            cols.add(c.equals(PredictionSchema.PREDICTION_SET) ? flatSet() : col(c));
        }
        cols.add(col(PredictionSchema.ERROR));
        return predictions.select(cols.toArray(Column[]::new));
    }

    private static final List<String> TRUST_COLUMNS = List.of(PredictionSchema.OOD_SCORE,
            PredictionSchema.OUT_OF_DOMAIN, PredictionSchema.GROUP, PredictionSchema.GROUP_PROBABILITY,
            PredictionSchema.PREDICTION_SET, PredictionSchema.ACCEPTED);

    /** The prediction set as {@code a|b}, as classify --details writes it; empty when there is none. */
    private static Column flatSet() {
        Column set = col(PredictionSchema.PREDICTION_SET);
        return when(size(set).gt(0), concat_ws("|", set)).as(PredictionSchema.PREDICTION_SET);
    }

    private static void checkColumnNames(ClassList classes, OutputFormat format) {
        if (format != OutputFormat.CSV) {
            return;
        }
        List<String> fixed = new ArrayList<>(List.of(PredictionSchema.PATH, PredictionSchema.SAMPLE_ID,
                PredictionSchema.TOP_CLASS, PredictionSchema.TOP_PROBABILITY, PredictionSchema.ERROR));
        fixed.addAll(TRUST_COLUMNS);
        for (String c : classes.names()) {
            if (fixed.contains(c)) {
                throw new IllegalArgumentException("class '" + c + "' clashes with a fixed column of the CSV output;"
                        + " use --format parquet");
            }
        }
    }

    private static void writeTable(Dataset<Row> table, OutputFormat format, String dir) {
        var writer = table.write().mode(SaveMode.ErrorIfExists).format(format.sparkName());
        if (format == OutputFormat.CSV) {
            writer = writer.option("header", "true");
        }
        writer.save(dir);
    }

    static Dataset<Row> readTable(SparkSession spark, OutputFormat format, String dir) {
        var reader = spark.read().format(format.sparkName());
        if (format == OutputFormat.CSV) {
            // every column as a string: only sample, class and error are needed, and as written
            reader = reader.option("header", "true").option("inferSchema", "false");
        }
        return reader.load(dir);
    }

    private static void writeText(OutputFolder out, String name, String text) throws IOException {
        try (FSDataOutputStream s = out.fileSystem().create(new org.apache.hadoop.fs.Path(out.temp(), name), false)) {
            s.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String summaryJson(JobConfig config, Summary summary) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", 1);
        m.put("finished", Instant.now().toString());
        m.put("input", config.input());
        m.put("model", config.model().toAbsolutePath().normalize().toString());
        m.put("model_shipped", !config.sharedModel());
        m.put("sample_level", config.sampleLevel());
        m.put("format", config.format().sparkName());
        m.put("tta_views", config.inference().ttaViews());
        m.put("tta_geometric", config.inference().geometricMean());
        m.put("calibrated", config.inference().calibrated());
        m.put("images", summary.images());
        m.put("errors", summary.errors());
        m.put("not_images", summary.notImages());
        m.put("hidden", summary.hidden());
        m.put("samples", summary.samples());
        m.put("seconds", summary.seconds());
        m.put("classes", summary.classes().size());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
    }
}
