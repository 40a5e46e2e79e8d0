package org.plankton.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OodMetricsTest {

    @Test
    void separatedScoresGiveAurocOneAndNoFalsePasses() {
        OodMetrics m = OodMetrics.of(new double[] {1, 2, 3}, new double[] {4, 5});
        assertThat(m.auroc()).isEqualTo(1.0);
        assertThat(m.fprAt95Recall()).isEqualTo(0.0);
    }

    @Test
    void tiesCountHalfAndReversedScoresGiveZero() {
        assertThat(OodMetrics.of(new double[] {1, 1}, new double[] {1, 1}).auroc()).isCloseTo(0.5, within(1e-12));
        assertThat(OodMetrics.of(new double[] {5, 6}, new double[] {1, 2}).auroc()).isEqualTo(0.0);
        // one of four pairs wrong
        assertThat(OodMetrics.of(new double[] {1, 3}, new double[] {2, 4}).auroc()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void verdictCutOffs() {
        assertThat(DomainVerdict.of(0.0)).isEqualTo(DomainVerdict.IN_DOMAIN);
        assertThat(DomainVerdict.of(0.099)).isEqualTo(DomainVerdict.IN_DOMAIN);
        assertThat(DomainVerdict.of(0.10)).isEqualTo(DomainVerdict.MIXED);
        assertThat(DomainVerdict.of(0.50)).isEqualTo(DomainVerdict.MIXED);
        assertThat(DomainVerdict.of(0.51)).isEqualTo(DomainVerdict.OUT_OF_DOMAIN);
        assertThat(DomainVerdict.OUT_OF_DOMAIN.label()).isEqualTo("out-of-domain");
        assertThat(DomainVerdict.OUT_OF_DOMAIN.advice()).contains("train --init");
    }
}
