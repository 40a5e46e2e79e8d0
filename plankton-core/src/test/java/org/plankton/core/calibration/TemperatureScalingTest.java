package org.plankton.core.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.metrics.LogLoss;

class TemperatureScalingTest {

    @TempDir
    Path tmp;

    /** Over-confident predictions: the right class with prob 0.99 only 70% of the time. */
    static float[][] overconfident(int n, int[] labels, Random rnd) {
        float[][] p = new float[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(3);
            int predicted = rnd.nextDouble() < 0.7 ? labels[i] : (labels[i] + 1) % 3;
            p[i] = new float[] {0.005f, 0.005f, 0.005f};
            p[i][predicted] = 0.99f;
        }
        return p;
    }

    @Test
    void fitSoftensOverconfidenceAndLowersLogLoss() {
        int[] labels = new int[2000];
        float[][] p = overconfident(2000, labels, new Random(1));
        TemperatureScaling t = TemperatureScaling.fit(p, labels);
        assertThat(t.temperature()).isGreaterThan(1.5);
        float[][] scaled = new float[p.length][];
        for (int i = 0; i < p.length; i++) {
            scaled[i] = t.apply(p[i]);
        }
        assertThat(LogLoss.of(scaled, labels)).isLessThan(LogLoss.of(p, labels) - 0.5);
        // the optimum: scaled confidence of the top class is about the 70% accuracy
        assertThat(scaled[0][argmax(scaled[0])]).isCloseTo(0.7f, offset(0.02f));
    }

    @Test
    void identityChangesNothingAndArgmaxIsKept() {
        float[] p = {0.2f, 0.5f, 0.3f};
        assertThat(TemperatureScaling.identity().apply(p)).containsExactly(p);
        float[] hot = new TemperatureScaling(0.5).apply(p);
        assertThat(argmax(hot)).isEqualTo(1);
        assertThat(hot[1]).isGreaterThan(0.5f);
        // T = 0.5 squares the probabilities: 0.04 : 0.25 : 0.09
        assertThat(hot[0]).isCloseTo(0.04f / 0.38f, offset(1e-6f));
    }

    @Test
    void roundTripThroughTheBundleFileAndDamage() throws Exception {
        assertThat(Calibration.readFrom(tmp).plain()).isEqualTo(TemperatureScaling.identity());
        Calibration.none().withPlain(new TemperatureScaling(1.7)).writeTo(tmp);
        assertThat(Calibration.readFrom(tmp).plain().temperature()).isEqualTo(1.7);
        Files.writeString(tmp.resolve(TemperatureScaling.FILE), "{\"method\": \"temperature\", \"temperature\": -2}");
        assertThatThrownBy(() -> Calibration.readFrom(tmp)).hasMessageContaining("calibration.json is damaged");
        Files.writeString(tmp.resolve(TemperatureScaling.FILE), "{ not json");
        assertThatThrownBy(() -> Calibration.readFrom(tmp)).hasMessageContaining("calibration.json is damaged");
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
