package org.plankton.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The job on 200 real NDSB JPEGs (50 from each of four classes, copied from
 * {@code ../shared/data/ndsb/train}) plus one truncated copy. Skipped with a message when the data
 * is not there. The model is the tests' synthetic one: what is checked is the pipeline on real
 * files (JPEG decoding, listing, errors, parity with {@code classify}), not accuracy.
 */
class NdsbSubsetTest {

    static final List<String> CLASSES = List.of("chaetognath_sagitta", "copepod_cyclopoid_oithona",
            "diatom_chain_tube", "trichodesmium_puff");
    static final int PER_CLASS = 50;

    static Path ndsb() {
        for (Path p : List.of(Path.of("../shared/data/ndsb/train"), Path.of("../../shared/data/ndsb/train"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void twoHundredNdsbImagesOnceEachWithClassifysProbabilities() throws Exception {
        Path root = ndsb();
        assumeTrue(root != null, "NDSB data not found at ../shared/data/ndsb/train: Spark NDSB subset test skipped");
        Path input = SparkFixture.work().resolve("ndsb-subset");
        for (String c : CLASSES) {
            Path dir = Files.createDirectories(input.resolve(c));
            try (Stream<Path> files = Files.list(root.resolve(c))) {
                for (Path f : files.sorted().limit(PER_CLASS).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        Path someJpeg;
        try (Stream<Path> files = Files.list(input.resolve(CLASSES.get(0)))) {
            someJpeg = files.sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(someJpeg);
        Files.write(input.resolve(CLASSES.get(0)).resolve("truncated.jpg"), Arrays.copyOf(bytes, bytes.length / 3));

        SparkSession spark = SparkFixture.spark();
        Path model = SparkFixture.model();
        Path out = SparkFixture.work().resolve("out-ndsb");
        ClassifyJob.Summary s = ClassifyJob.run(spark, JobConfig.of(input.toString(), out.toString(), model));
        assertThat(s.images()).isEqualTo(4 * PER_CLASS + 1);
        assertThat(s.errors()).isEqualTo(1);

        Map<String, Row> rows = ClassifyJobTest.byPath(spark.read().parquet(out.resolve("predictions").toString()));
        assertThat(rows.keySet()).isEqualTo(ClassifyJobTest.imageFiles(input));
        Row bad = rows.get(input.resolve(CLASSES.get(0)).resolve("truncated.jpg").toAbsolutePath().toString());
        assertThat(bad.<String>getAs(PredictionSchema.ERROR)).isNotBlank();

        Map<String, float[]> cli = SparkFixture.cliClassify(model, input);
        assertThat(cli).hasSize(4 * PER_CLASS);
        for (Map.Entry<String, float[]> e : cli.entrySet()) {
            List<Float> p = rows.get(e.getKey()).getList(rows.get(e.getKey()).fieldIndex(PredictionSchema.PROBABILITIES));
            for (int k = 0; k < p.size(); k++) {
                assertThat(p.get(k)).as("%s class %d", e.getKey(), k).isCloseTo(e.getValue()[k], within(1e-5f));
            }
        }

        Map<String, Long> perSample = spark.read().parquet(out.resolve("counts").toString()).collectAsList().stream()
                .collect(Collectors.groupingBy(r -> r.getString(r.fieldIndex(PredictionSchema.SAMPLE_ID)),
                        Collectors.summingLong(r -> r.getLong(r.fieldIndex(PredictionSchema.COUNT)))));
        assertThat(perSample).hasSize(4).allSatisfy((sample, n) -> assertThat(n).isEqualTo(PER_CLASS));
    }
}
