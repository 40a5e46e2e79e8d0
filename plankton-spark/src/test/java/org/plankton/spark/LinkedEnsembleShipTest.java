package org.plankton.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.EnsembleLayout;
import org.plankton.core.testing.SyntheticPlankton;

/**
 * An ensemble whose first member is linked in place (beside it on the driver) is shipped to the
 * executors as a self-contained copy: the job classifies as {@code plankton classify} does with the
 * ensemble, with the first member's out-of-domain scores.
 */
class LinkedEnsembleShipTest {

    @Test
    void aLinkedEnsembleIsShippedWithItsLinkedMember() throws Exception {
        Path model = SparkFixture.model();
        Path ensemble = model.resolveSibling("linked-ensemble");
        EnsembleBundle.write(ensemble, List.of(model, model), new double[] {0.3, 0.7}, Map.of(),
                EnsembleLayout.of(List.of(model, model)).withOnnx(false).withLinked(Set.of(0)));
        assertThat(EnsembleBundle.read(ensemble).hasLinkedMembers()).isTrue();
        Path input = SparkFixture.work().resolve("linked-input");
        SyntheticPlankton.writeDataset(input.resolve("station"), 3, 3, 41);
        Path out = SparkFixture.work().resolve("out-linked");

        ClassifyJob.run(SparkFixture.spark(), JobConfig.of(input.toString(), out.toString(), ensemble));

        Map<String, Row> rows = ClassifyJobTest.byPath(SparkFixture.spark().read().parquet(out.resolve("predictions").toString()));
        Map<String, float[]> cli = SparkFixture.cliClassify(ensemble, input);
        assertThat(rows.keySet()).isEqualTo(cli.keySet());
        for (Map.Entry<String, float[]> e : cli.entrySet()) {
            Row r = rows.get(e.getKey());
            assertThat(r.<Object>getAs(PredictionSchema.ERROR)).isNull();
            assertThat(r.<Object>getAs("ood_score")).as("the first member's out-of-domain score").isNotNull();
            List<Float> p = r.getList(r.fieldIndex(PredictionSchema.PROBABILITIES));
            assertThat(p).hasSize(e.getValue().length);
            for (int k = 0; k < p.size(); k++) {
                assertThat(p.get(k)).isCloseTo(e.getValue()[k], within(1e-5f));
            }
        }
        assertThat(out.resolve(OutputFolder.MARKER)).content().contains("\"model_shipped\" : true");
    }
}
