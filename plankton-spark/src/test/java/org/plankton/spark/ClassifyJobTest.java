package org.plankton.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plankton.core.data.ImageFiles;
import org.plankton.core.data.ImageListing;
import org.plankton.core.data.SkippedFile;
import org.plankton.core.testing.SpecialFiles;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.nn.infer.InferenceSettings;

/** The job on synthetic images in {@code local[2]}: completeness, parity with {@code classify}, errors, counts, reruns. */
class ClassifyJobTest {

    static SparkSession spark;
    static Path model;
    static Path input;
    static List<String> classes;

    @BeforeAll
    static void setUp() throws Exception {
        spark = SparkFixture.spark();
        model = SparkFixture.model();
        classes = ClassifyJob.readClasses(model).names();
        input = SparkFixture.work().resolve("incoming");
        // two samples (cruise stations), a folder per camera run below each, then one per shape: sample level 3
        SyntheticPlankton.writeDataset(input.resolve("station 1").resolve("run-a"), 3, 7, 21);
        SyntheticPlankton.writeDataset(input.resolve("station2").resolve("run-b"), 2, 5, 22);
        Files.writeString(input.resolve("station 1/run-a/bar/broken.png"), "not an image");
        Files.write(input.resolve("station2/run-b/cross/empty.JPG"), new byte[0]);
        Files.writeString(input.resolve("station2/run-b/cross/notes.txt"), "not an image: a row with an error");
        // hidden files are skipped by Spark's listing, by classify, and by the job's own empty-file listing
        Files.write(input.resolve("station2/run-b/bar/.partial.png"), new byte[0]);
        Files.createDirectories(input.resolve("station2/.thumbs"));
        Files.write(input.resolve("station2/.thumbs/t.png"), new byte[0]);
    }

    static Map<String, Row> byPath(Dataset<Row> predictions) {
        Map<String, Row> rows = new HashMap<>();
        for (Row r : predictions.collectAsList()) {
            Row old = rows.put(SparkFixture.localPath(r.getAs(PredictionSchema.PATH)), r);
            assertThat(old).as("duplicate row for %s", r.<String>getAs(PredictionSchema.PATH)).isNull();
        }
        return rows;
    }

    static Set<String> imageFiles(Path root) throws Exception {
        return ImageFiles.list(List.of(root)).images().stream().map(p -> p.toAbsolutePath().normalize().toString())
                .collect(Collectors.toSet());
    }

    /** What must have a row: every entry but hidden ones (no '_' names here, which Spark hides too). */
    static Set<String> everyEntry(Path root) throws Exception {
        ImageListing l = ImageFiles.list(List.of(root));
        Set<String> all = new java.util.HashSet<>(imageFiles(root));
        l.skipped().stream().filter(s -> s.kind() != SkippedFile.Kind.HIDDEN)
                .forEach(s -> all.add(s.path().toAbsolutePath().normalize().toString()));
        return all;
    }

    @Test
    void everyImageOnceWithTheProbabilitiesOfClassifyErrorsAndCounts() throws Exception {
        Path out = SparkFixture.work().resolve("out-parquet");
        ClassifyJob.Summary s = ClassifyJob.run(spark, JobConfig.of(input.toString(), out.toString(), model)
                .withSampleLevel(3));
        assertThat(s.images()).isEqualTo(3 * 7 + 2 * 5 + 3);
        assertThat(s.errors()).isEqualTo(3);
        assertThat(s.notImages()).isEqualTo(3); // broken.png and notes.txt are text, empty.JPG is empty
        assertThat(s.hidden()).isEqualTo(2);
        assertThat(s.samples()).isEqualTo(2);

        Map<String, Row> rows = byPath(spark.read().parquet(out.resolve("predictions").toString()));
        assertThat(rows.keySet()).isEqualTo(everyEntry(input));

        Map<String, float[]> cli = SparkFixture.cliClassify(model, input);
        assertThat(cli).hasSize(31); // the three bad files are in classify's errors file, not its rows
        Map<String, Map<String, String>> details = SparkFixture.cliDetails(model, input);
        int errors = 0;
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            String name = Path.of(e.getKey()).getFileName().toString();
            assertThat(r.<String>getAs(PredictionSchema.SAMPLE_ID)).isIn("station 1", "station2");
            if (name.equals("broken.png") || name.equals("empty.JPG") || name.equals("notes.txt")) {
                errors++;
                assertThat(r.<String>getAs(PredictionSchema.ERROR)).isNotBlank();
                assertThat(r.<Object>getAs(PredictionSchema.PROBABILITIES)).isNull();
                assertThat(r.<Object>getAs(PredictionSchema.TOP_CLASS)).isNull();
                continue;
            }
            assertThat(r.<Object>getAs(PredictionSchema.ERROR)).isNull();
            List<Float> p = r.getList(r.fieldIndex(PredictionSchema.PROBABILITIES));
            float[] expected = cli.get(e.getKey());
            assertThat(expected).as("classify row for %s", e.getKey()).isNotNull();
            assertThat(p).hasSize(classes.size());
            int top = 0;
            for (int k = 0; k < p.size(); k++) {
                assertThat(p.get(k)).as("%s class %d", name, k).isCloseTo(expected[k], within(1e-5f));
                top = p.get(k) > p.get(top) ? k : top;
            }
            assertThat(r.<String>getAs(PredictionSchema.TOP_CLASS)).isEqualTo(classes.get(top));
            assertThat(r.<Float>getAs(PredictionSchema.TOP_PROBABILITY)).isEqualTo(p.get(top));
            assertTrustAsDetails(r, details.get(e.getKey()));
        }
        assertThat(errors).isEqualTo(3);

        List<Row> counts = spark.read().parquet(out.resolve("counts").toString()).collectAsList();
        long total = counts.stream().mapToLong(r -> r.getLong(r.fieldIndex(PredictionSchema.COUNT))).sum();
        assertThat(total).isEqualTo(31);
        Map<String, Long> perSample = counts.stream().collect(Collectors.groupingBy(
                r -> r.getString(r.fieldIndex(PredictionSchema.SAMPLE_ID)),
                Collectors.summingLong(r -> r.getLong(r.fieldIndex(PredictionSchema.COUNT)))));
        assertThat(perSample).containsExactlyInAnyOrderEntriesOf(Map.of("station 1", 21L, "station2", 10L));
        assertThat(counts).allSatisfy(r -> assertThat(classes).contains(r.getString(r.fieldIndex(PredictionSchema.CLASS))));

        assertThat(out.resolve("classes.txt")).hasContent(String.join("\n", classes));
        assertThat(out.resolve(OutputFolder.MARKER)).content().contains("\"images\" : 34")
                .contains("\"not_images\" : 3").contains("\"hidden\" : 2");
        assertThat(ExecutorModels.loaded()).as("models closed after a local run").isZero();
    }

    /** Issue 14: images by content, whatever their names; every other entry a row with its reason, once. */
    /**
     * The trust columns hold what classify --details writes for the same image: the test model has
     * domain.json (train fits it), so scores and flags are filled; it has no conformal.json, so the
     * set is empty and accepted null, as details leaves them empty.
     */
    static void assertTrustAsDetails(Row r, Map<String, String> d) {
        assertThat(d).as("details row for %s", r.<String>getAs(PredictionSchema.PATH)).isNotNull();
        Double ood = r.getAs(PredictionSchema.OOD_SCORE);
        assertThat(ood).isNotNull();
        assertThat(ood).isCloseTo(Double.parseDouble(d.get("ood_score")), within(1e-3 + 1e-6 * Math.abs(ood)));
        assertThat(r.<Boolean>getAs(PredictionSchema.OUT_OF_DOMAIN)).isEqualTo(Boolean.parseBoolean(d.get("out_of_domain")));
        assertThat(r.<String>getAs(PredictionSchema.GROUP)).isEqualTo(d.get("group"));
        assertThat(r.<Double>getAs(PredictionSchema.GROUP_PROBABILITY))
                .isCloseTo(Double.parseDouble(d.get("group_probability")), within(1e-4));
        List<String> set = r.getList(r.fieldIndex(PredictionSchema.PREDICTION_SET));
        assertThat(String.join("|", set)).isEqualTo(d.get("prediction_set"));
        Boolean accepted = r.getAs(PredictionSchema.ACCEPTED);
        assertThat(accepted == null ? "" : accepted.toString()).isEqualTo(d.get("accepted"));
    }

    @Test
    void filesAreImagesByContentAndOddEntriesEachGetOneErrorRow() throws Exception {
        Path odd = Files.createDirectories(SparkFixture.work().resolve("odd-entries"));
        Path image = SyntheticPlankton.writeImage(odd.resolve("a.png"), "png", 1);
        Path noExtension = SyntheticPlankton.writeImage(odd.resolve("camera-0001"), "png", 2);
        Path svg = Files.writeString(odd.resolve("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Path jpegNamedText = SyntheticPlankton.writeImage(odd.resolve("sub/shot.txt"), "jpeg", 3);
        Path broken = Files.createSymbolicLink(odd.resolve("gone.png"), odd.resolve("deleted.png"));
        Path loopA = Files.createSymbolicLink(odd.resolve("loop-a"), odd.resolve("loop-b"));
        Path loopB = Files.createSymbolicLink(odd.resolve("loop-b"), odd.resolve("loop-a"));
        Path up = Files.createSymbolicLink(odd.resolve("sub/up"), odd); // Hadoop would list everything again below it
        SyntheticPlankton.writeImage(odd.resolve(".hidden.png"), "png", 4);
        Path underscore = SyntheticPlankton.writeImage(odd.resolve("_SUCCESS"), "png", 5); // hidden for Spark only
        Path pipe = odd.resolve("pipe");
        boolean fifo = SpecialFiles.mkfifo(pipe); // Hadoop shows it as an empty file; it must never be opened
        Path out = SparkFixture.work().resolve("out-odd");

        ClassifyJob.Summary s = ClassifyJob.run(spark, JobConfig.of(odd.toString(), out.toString(), model));

        Map<String, Row> rows = byPath(spark.read().parquet(out.resolve("predictions").toString()));
        List<Path> expected = new java.util.ArrayList<>(List.of(image, noExtension, svg, jpegNamedText, broken, loopA,
                loopB, up));
        if (fifo) {
            expected.add(pipe);
            assertThat(rows.get(pipe.toString()).<String>getAs(PredictionSchema.ERROR)).contains("named pipe");
        }
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(p -> p.toAbsolutePath().toString()).toList());
        for (Path ok : List.of(image, noExtension, jpegNamedText)) {
            Row r = rows.get(ok.toAbsolutePath().toString());
            assertThat(r.<Object>getAs(PredictionSchema.ERROR)).as("%s", ok).isNull();
            assertThat(r.<String>getAs(PredictionSchema.TOP_CLASS)).isIn(classes);
        }
        assertThat(rows.get(svg.toString()).<String>getAs(PredictionSchema.ERROR)).startsWith("not an image").contains("<svg");
        assertThat(rows.get(broken.toString()).<String>getAs(PredictionSchema.ERROR)).startsWith("broken symbolic link");
        assertThat(rows.get(loopA.toString()).<String>getAs(PredictionSchema.ERROR)).contains("symbolic link loop");
        assertThat(rows.get(loopB.toString()).<String>getAs(PredictionSchema.ERROR)).contains("symbolic link loop");
        assertThat(rows.get(up.toString()).<String>getAs(PredictionSchema.ERROR)).contains("symbolic link loop");
        assertThat(s.describe()).isEqualTo("3 classified, " + (fifo ? 5 : 4) + " unreadable, 1 skipped as not images, "
                + "2 hidden or own output files skipped");
        assertThat(SparkFixture.cliClassify(model, odd).keySet()).as("classify takes the same images, and '_' names")
                .containsExactlyInAnyOrder(image.toString(), noExtension.toString(), jpegNamedText.toString(),
                        underscore.toString());
    }

    @Test
    void csvWithTtaMatchesClassifyAndARerunReplacesTheResult() throws Exception {
        Path out = SparkFixture.work().resolve("out-csv");
        JobConfig config = JobConfig.of(input.toString(), out.toString(), model).withFormat(OutputFormat.CSV)
                .withInference(InferenceSettings.defaults().withTta(3));
        ClassifyJob.run(spark, config);

        Dataset<Row> csv = spark.read().option("header", "true").csv(out.resolve("predictions").toString());
        assertThat(csv.columns()).startsWith("path", "sample_id", "top_class", "top_probability").endsWith("ood_score",
                "out_of_domain", "group", "group_probability", "prediction_set", "accepted", "error");
        Map<String, float[]> cli = SparkFixture.cliClassify(model, input, "--tta", "3");
        Map<String, Row> rows = byPath(csv);
        assertThat(rows.keySet()).isEqualTo(everyEntry(input));
        for (Map.Entry<String, float[]> e : cli.entrySet()) {
            Row r = rows.get(e.getKey());
            for (int k = 0; k < classes.size(); k++) {
                assertThat(Float.parseFloat(r.getAs(classes.get(k)))).isCloseTo(e.getValue()[k], within(1e-5f));
            }
        }
        assertThat(rows.values().stream().filter(r -> r.getAs("error") != null)).hasSize(3);
        // TTA: the group is filled; the sets, fitted on plain probabilities, are not claimed
        assertThat(rows.values().stream().filter(r -> r.getAs("error") == null))
                .allSatisfy(r -> assertThat(r.<String>getAs("group")).isNotBlank())
                .allSatisfy(r -> assertThat(r.<String>getAs("accepted")).isNull());

        // rerun on part of the input: only its rows remain, nothing of the first run, no temp folders
        ClassifyJob.run(spark, config.withInput(input.resolve("station2").toString()));
        Map<String, Row> again = byPath(spark.read().option("header", "true").csv(out.resolve("predictions").toString()));
        assertThat(again.keySet()).isEqualTo(everyEntry(input.resolve("station2")));
        long counted = spark.read().option("header", "true").csv(out.resolve("counts").toString()).collectAsList()
                .stream().mapToLong(r -> Long.parseLong(r.getAs("count"))).sum();
        assertThat(counted).isEqualTo(10);
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".out-csv"))).isEmpty();
        }
    }

    @Test
    void aFailedRunLeavesThePreviousResultAndForeignFoldersAreNotReplaced() throws Exception {
        Path out = SparkFixture.work().resolve("out-keep");
        ClassifyJob.run(spark, JobConfig.of(input.resolve("station2").toString(), out.toString(), model));
        String marker = Files.readString(out.resolve(OutputFolder.MARKER));

        assertThatThrownBy(() -> ClassifyJob.run(spark, JobConfig.of(input.resolve("no-such-folder").toString(),
                out.toString(), model))).hasMessageContaining("no-such-folder");
        assertThat(out.resolve(OutputFolder.MARKER)).hasContent(marker);
        assertThat(spark.read().parquet(out.resolve("predictions").toString()).count()).isEqualTo(12);

        Path foreign = Files.createDirectories(SparkFixture.work().resolve("someone-elses"));
        Files.writeString(foreign.resolve("thesis.tex"), "precious");
        assertThatThrownBy(() -> ClassifyJob.run(spark, JobConfig.of(input.toString(), foreign.toString(), model)))
                .hasMessageContaining("refusing to replace");
        assertThat(foreign.resolve("thesis.tex")).hasContent("precious");
    }

    @Test
    void commandLineWithASharedModelPath() throws Exception {
        Path out = SparkFixture.work().resolve("out-cli");
        int code = SparkClassify.execute("--input", input.resolve("station2").toString(), "--out", out.toString(),
                "--model", model.toString(), "--shared-model", "--sample-level", "2", "--format", "csv");
        assertThat(code).isZero();
        assertThat(out.resolve("predictions")).isDirectory();
        assertThat(out.resolve(OutputFolder.MARKER)).content().contains("\"model_shipped\" : false");
        assertThat(spark.sparkContext().isStopped()).as("a session it did not create stays up").isFalse();

        assertThat(SparkClassify.execute("--input", "x", "--out", "y", "--format", "xml", "--model",
                model.toString())).isEqualTo(SparkClassify.EXIT_USAGE);
        assertThat(SparkClassify.execute("--out", "y")).isEqualTo(SparkClassify.EXIT_USAGE);
    }
}
