package org.plankton.nn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterNamesTest {

    /** A fused network's names as the engine gives them (convnet with two convolutions, a size branch). */
    static final List<String> FUSED = List.of(
            "01convnet_01Conv2d_weight", "01convnet_02BatchNorm_gamma", "01convnet_02BatchNorm_beta",
            "01convnet_02BatchNorm_runningMean", "01convnet_02BatchNorm_runningVar", "01convnet_05Conv2d_weight",
            "01convnet_09Linear_weight", "01convnet_09Linear_bias", "01convnet_11Linear_weight", "01convnet_11Linear_bias",
            "02sizeNet_01BatchNorm_gamma", "02sizeNet_02Linear_weight", "02sizeNet_02Linear_bias",
            "02sizeNet_04Linear_weight", "02sizeNet_04Linear_bias");

    @Test
    void branchesHeadsAndFeaturesFollowFromTheNames() {
        assertThat(ParameterNames.branch("02sizeNet_04Linear_bias")).isEqualTo(ParameterNames.SIZE_NET);
        assertThat(ParameterNames.branch("05Conv2d_weight")).as("a plain network is the convnet")
                .isEqualTo(ParameterNames.CONVNET);
        assertThat(ParameterNames.withoutPositions("01convnet_05Conv2d_weight")).isEqualTo("convnet_Conv2d_weight");
        assertThat(ParameterNames.head(FUSED)).containsExactly(8, 9, 13, 14);
        assertThat(ParameterNames.featureParameters(FUSED)).as("the convnet before its first dense layer")
                .containsExactly(0, 1, 2, 3, 4, 5);
    }
}
