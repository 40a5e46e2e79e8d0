package org.plankton.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plankton.core.conformal.ConformalSets;
import org.plankton.core.conformal.PredictionSets;
import org.plankton.core.conformal.RejectThresholds;
import org.plankton.core.data.ClassList;
import org.plankton.core.taxonomy.NameTaxonomy;

class TrustColumnsTest {

    @Test
    void givesGroupAndSetCells() {
        ClassList classes = ClassList.ordered(List.of("copepod_a", "copepod_b", "polychaete"));
        double[] none = {Double.NaN, Double.NaN, Double.NaN};
        PredictionSets sets = new PredictionSets(classes, new ConformalSets(0.9, ConformalSets.ALL, none),
                RejectThresholds.global(0.6, 3), 10);
        TrustColumns t = new TrustColumns(NameTaxonomy.derive(classes), Optional.of(sets), 0.8);
        TrustColumns.Row r = t.of(new float[] {0.5f, 0.4f, 0.1f});
        assertThat(r.group()).isEqualTo("copepods");
        assertThat(r.cells()).containsExactly("copepods", "0.9000", "copepod_a|copepod_b|polychaete");
        assertThat(t.accept(new float[] {0.5f, 0.4f, 0.1f})).isFalse();
        TrustColumns bare = new TrustColumns(NameTaxonomy.derive(classes), Optional.empty(), 0.8);
        assertThat(bare.of(new float[] {0.9f, 0.05f, 0.05f}).cells()).containsExactly("copepod_a", "0.9000", "");
        assertThat(bare.accept(new float[] {0.4f, 0.3f, 0.3f})).isTrue();
    }
}
