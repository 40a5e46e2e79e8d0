package org.plankton.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plankton.core.data.ClassList;
import org.plankton.core.output.ImageDetails;

class DomainTallyTest {

    @Test
    void perSampleAndTotalVerdicts() {
        DomainTally t = new DomainTally();
        for (int i = 0; i < 20; i++) {
            t.add("a", i == 0);          // 5%: in-domain
            t.add("b", i < 6);           // 30%: mixed
            t.add("c", i < 15);          // 75%: out-of-domain
        }
        DomainTally.Report r = t.report();
        assertThat(r.images()).isEqualTo(60);
        assertThat(r.flagged()).isEqualTo(22);
        assertThat(r.outOfDomainFraction()).isCloseTo(22 / 60.0, within(1e-12));
        assertThat(r.verdict()).isEqualTo("mixed");
        assertThat(r.samples()).extracting(DomainTally.Share::verdict)
                .containsExactly("in-domain", "mixed", "out-of-domain");
        assertThat(t.samplesAbove(0.2)).extracting(DomainTally.Share::sample).containsExactly("b", "c");
    }

    @Test
    void detailsRowHasTheHeaderOrderAndEmptyCellsWithoutADomainModel() {
        ClassList classes = ClassList.of(List.of("a", "b", "c"));
        ImageDetails d = ImageDetails.of("x/1.jpg", classes, new float[] {0.1f, 0.7f, 0.2f}, 12.3456, true);
        assertThat(d.cells()).containsExactly("x/1.jpg", "b", "0.7", "", "", "", "12.346", "true", "");
        assertThat(d.cells()).hasSameSizeAs(ImageDetails.HEADER);
        ImageDetails none = ImageDetails.of("y.png", classes, new float[] {0.5f, 0.2f, 0.3f}, Double.NaN, null);
        assertThat(none.cells()).containsExactly("y.png", "a", "0.5", "", "", "", "", "", "");
    }
}
