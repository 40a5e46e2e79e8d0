package org.plankton.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.plankton.cli.PlanktonCli;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.OptimizerKind;
import org.plankton.nn.train.ScheduleKind;
import org.plankton.nn.train.TrainConfig;
import org.plankton.nn.train.TrainingRun;

/**
 * What the Spark tests share in one JVM: a {@code local[2]} session and a tiny model trained once
 * on synthetic shapes (seconds), plus the real {@code classify} command as the reference.
 */
final class SparkFixture {

    private static SparkSession spark;
    private static Path model;
    private static Path work;

    private SparkFixture() {
    }

    static synchronized Path work() throws IOException {
        if (work == null) {
            work = Files.createTempDirectory("plankton-spark-test");
            Path dir = work;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    BundleArchive.deleteRecursively(dir);
                } catch (IOException e) {
                    // a temp folder left behind is harmless
                }
            }));
        }
        return work;
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().appName("plankton-spark tests").master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return spark;
    }

    /** A 3-class tiny model on 32x32 inputs; good enough to give distinct probabilities. */
    static synchronized Path model() throws Exception {
        if (model == null) {
            Path data = SyntheticPlankton.writeDataset(work().resolve("train"), 3, 24, 11);
            Path out = work().resolve("model");
            TrainConfig config = new TrainConfig(2, 16, OptimizerKind.NESTEROV, 0.05f, 0.9f, 1e-4f, ScheduleKind.COSINE, 0.05, 0.25, 3L, 0, 0,
                    AugmentConfig.defaults(), 0, 3L);
            TrainingRun.run(new TrainingRun.Request(data, out, config, PreprocessConfig.defaults().withImageSize(32),
                    ArchitectureConfig.tiny(), false), new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8));
            model = out;
        }
        return model;
    }

    /** Runs {@code plankton classify} in this JVM and returns its rows: absolute path -> probabilities. */
    static Map<String, float[]> cliClassify(Path model, Path input, String... extra) throws IOException {
        Path csv = Files.createTempFile(work(), "classify", ".csv");
        Files.delete(csv);
        List<String> args = new java.util.ArrayList<>(List.of("classify", "--model", model.toString(), "--out",
                csv.toString()));
        args.addAll(List.of(extra));
        args.add(input.toAbsolutePath().toString());
        int code = PlanktonCli.execute(args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("plankton classify failed with exit code " + code);
        }
        Map<String, float[]> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            float[] p = new float[f.length - 1];
            for (int k = 1; k < f.length; k++) {
                p[k - 1] = Float.parseFloat(f[k]);
            }
            rows.put(Path.of(f[0]).toAbsolutePath().normalize().toString(), p);
        }
        return rows;
    }

    /** {@code classify --details}: per image path, its details cells by column name. */
    static Map<String, Map<String, String>> cliDetails(Path model, Path input) throws IOException {
        Path details = Files.createTempFile(work(), "details", ".csv");
        Files.delete(details);
        cliClassify(model, input, "--details", details.toString());
        List<String> lines = Files.readAllLines(details);
        List<String> header = List.of(lines.get(0).split(",", -1));
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int k = 0; k < header.size(); k++) {
                row.put(header.get(k), f[k]);
            }
            rows.put(Path.of(f[0]).toAbsolutePath().normalize().toString(), row);
        }
        return rows;
    }

    /** The local file path of a path string as Spark reports it ({@code file:/...}). */
    static String localPath(String sparkPath) {
        return Path.of(new org.apache.hadoop.fs.Path(sparkPath).toUri().getPath()).toAbsolutePath().normalize()
                .toString();
    }
}
