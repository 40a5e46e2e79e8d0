package org.plankton.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void stepScheduleDropsTenfoldAt83And95Percent() {
        LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.STEP, 0.003f, 0);
        assertThat(s.at(0)).isEqualTo(0.003f);
        assertThat(s.at(0.82)).isEqualTo(0.003f);
        assertThat(s.at(0.84)).isCloseTo(0.0003f, offset(1e-9f));
        assertThat(s.at(0.96)).isCloseTo(0.00003f, offset(1e-10f));
    }

    @Test
    void cosineAnnealsFromBaseToOnePercent() {
        LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.COSINE, 0.1f, 0);
        assertThat(s.at(0)).isCloseTo(0.1f, offset(1e-7f));
        assertThat(s.at(0.5)).isCloseTo(0.0505f, offset(1e-6f));
        assertThat(s.at(1)).isCloseTo(0.001f, offset(1e-7f));
    }

    @Test
    void warmupRampsFromTenPercent() {
        LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.CONSTANT, 1f, 0.1);
        assertThat(s.at(0)).isCloseTo(0.1f, offset(1e-6f));
        assertThat(s.at(0.05)).isCloseTo(0.55f, offset(1e-6f));
        assertThat(s.at(0.2)).isEqualTo(1f);
    }

    @Test
    void rejectsUnknownKinds() {
        assertThatThrownBy(() -> ScheduleKind.parse("exp"))
                .hasMessage("unknown schedule 'exp' (known: cosine, step, onecycle, constant)");
        assertThatThrownBy(() -> ScheduleKind.parse("Cosine")).hasMessageContaining("'Cosine'");
    }

    @Test
    void oneCycleRampsUpThenAnnealsToAlmostZero() {
        LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.ONECYCLE, 0.1f, 0.0);
        org.assertj.core.api.Assertions.assertThat(s.at(0)).isCloseTo(0.004f, org.assertj.core.api.Assertions.within(1e-6f));
        org.assertj.core.api.Assertions.assertThat(s.at(0.3)).isCloseTo(0.1f, org.assertj.core.api.Assertions.within(1e-6f));
        org.assertj.core.api.Assertions.assertThat(s.at(0.15)).isBetween(0.004f, 0.1f);
        org.assertj.core.api.Assertions.assertThat(s.at(0.65)).isCloseTo(0.05f, org.assertj.core.api.Assertions.within(1e-3f));
        org.assertj.core.api.Assertions.assertThat(s.at(1)).isCloseTo(1e-5f, org.assertj.core.api.Assertions.within(1e-7f));
    }
}
