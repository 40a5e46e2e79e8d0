package org.plankton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.conformal.ConformalSets;
import org.plankton.core.conformal.PredictionSets;
import org.plankton.core.conformal.RejectThresholds;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.core.testing.TestFiles;

/**
 * Prediction sets and the reject option in the predictions table, on a copy of the test model with
 * a hand-made conformal.json (sets of every class; reject below a top probability of 0.6), row for
 * row as {@code classify --details} writes them.
 */
class TrustColumnsTest {

    @Test
    void setsAndRejectionsAsClassifyDetails() throws Exception {
        Path work = SparkFixture.work();
        Path model = work.resolve("model-with-sets");
        TestFiles.copyTree(SparkFixture.model(), model);
        var classes = BundleReader.read(model).classes();
        double[] none = {Double.NaN, Double.NaN, Double.NaN};
        new PredictionSets(classes, new ConformalSets(0.9, ConformalSets.ALL, none), RejectThresholds.global(0.6, 3), 100)
                .writeTo(model);
        Path input = SyntheticPlankton.writeDataset(work.resolve("sets-input"), 3, 4, 31);
        Path out = work.resolve("out-sets");

        ClassifyJob.run(SparkFixture.spark(), JobConfig.of(input.toString(), out.toString(), model));

        Map<String, Row> rows = ClassifyJobTest.byPath(SparkFixture.spark().read().parquet(out.resolve("predictions").toString()));
        Map<String, Map<String, String>> details = SparkFixture.cliDetails(model, input);
        assertThat(rows).hasSize(12);
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            ClassifyJobTest.assertTrustAsDetails(r, details.get(e.getKey()));
            assertThat(r.getList(r.fieldIndex(PredictionSchema.PREDICTION_SET))).hasSize(3);
            assertThat(r.<Boolean>getAs(PredictionSchema.ACCEPTED))
                    .isEqualTo(r.<Float>getAs(PredictionSchema.TOP_PROBABILITY) >= 0.6); // as RejectThresholds.accept compares
        }
    }

}
