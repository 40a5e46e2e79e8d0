package org.plankton.server.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The epochs of a retrain: as asked, or chosen from the number of images for enough optimiser steps. */
class RetrainRequestTest {

    @Test
    void epochsAskedForAreKept() {
        assertThat(new RetrainRequest(List.of(1L), 7, null).epochsFor(10_000, 64)).isEqualTo(7);
        assertThatThrownBy(() -> new RetrainRequest(List.of(1L), 0, null)).hasMessageContaining("'epochs'");
        assertThatThrownBy(() -> new RetrainRequest(List.of(1L), 101, null)).hasMessageContaining("'epochs'");
    }

    @Test
    void automaticEpochsGiveEnoughStepsWithinBounds() {
        RetrainRequest auto = new RetrainRequest(List.of(1L), null, null);
        // 262 images in batches of 64: 5 steps an epoch, 40 epochs for 200 steps
        assertThat(auto.epochsFor(262, 64)).isEqualTo(40);
        int epochs = auto.epochsFor(500, 64);
        assertThat(epochs * ((500 + 63) / 64)).isGreaterThanOrEqualTo(RetrainRequest.MIN_AUTO_STEPS);
        assertThat(auto.epochsFor(30, 16)).isEqualTo(RetrainRequest.MAX_AUTO_EPOCHS); // 2 steps an epoch
        // reviews mixed with a large base folder: the minimum
        assertThat(auto.epochsFor(23_000, 64)).isEqualTo(RetrainRequest.MIN_AUTO_EPOCHS);
    }
}
