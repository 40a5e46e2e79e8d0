package org.plankton.core.conformal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.data.ClassList;

class ConformalTest {

    @TempDir
    Path tmp;

    /** Images whose label is drawn from their own (calibrated) probabilities: a known distribution. */
    private static LabelledProbabilities synthetic(int n, int k, long seed) {
        Random r = new Random(seed);
        List<float[]> ps = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float[] p = new float[k];
            double sum = 0;
            double[] e = new double[k];
            for (int c = 0; c < k; c++) {
                e[c] = Math.exp(2.5 * r.nextGaussian() + (c == 0 ? 1 : 0)); // class 0 the commonest
                sum += e[c];
            }
            double u = r.nextDouble();
            double acc = 0;
            labels[i] = k - 1;
            boolean drawn = false;
            for (int c = 0; c < k; c++) {
                p[c] = (float) (e[c] / sum);
                acc += e[c] / sum;
                if (!drawn && u < acc) {
                    labels[i] = c;
                    drawn = true;
                }
            }
            ps.add(p);
        }
        return new LabelledProbabilities(ps, labels);
    }

    @Test
    void apsSetsReachTheirCoverageOnFreshImages() {
        int k = 6;
        LabelledProbabilities cal = synthetic(3000, k, 1);
        LabelledProbabilities test = synthetic(6000, k, 2);
        for (double target : new double[] {0.8, 0.9, 0.95}) {
            ConformalSets sets = ConformalSets.fit(cal.probabilities(), cal.labels(), k, target, 30);
            int covered = 0;
            double size = 0;
            int[] perClass = new int[k];
            int[] perClassN = new int[k];
            for (int i = 0; i < test.size(); i++) {
                List<Integer> s = sets.set(test.probabilities().get(i));
                assertThat(s).isNotEmpty();
                boolean in = s.contains(test.labels()[i]);
                covered += in ? 1 : 0;
                perClass[test.labels()[i]] += in ? 1 : 0;
                perClassN[test.labels()[i]]++;
                size += s.size();
            }
            assertThat((double) covered / test.size()).isBetween(target - 0.02, target + 0.02);
            for (int c = 0; c < k; c++) { // Mondrian: every class near its own target, not only the average
                assertThat((double) perClass[c] / perClassN[c]).isBetween(target - 0.05, 1.0);
            }
            assertThat(size / test.size()).isLessThan(k);
        }
    }

    @Test
    void crossFittingMeasuresCoverageNearTheTarget() {
        LabelledProbabilities d = synthetic(4000, 5, 3);
        CrossFit.Coverage c = CrossFit.coverage(d, 5, 0.9, 30, 18);
        assertThat(c.overall()).isBetween(0.88, 0.92);
        assertThat(c.meanSetSize()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void setsAlwaysHoldTheTopClassAndGrowWithUncertainty() {
        // threshold 0.7: the second class scores 0.34 + u * 0.33 <= 0.67 whatever u is, so it is in
        ConformalSets s = new ConformalSets(0.9, 0.7, new double[] {Double.NaN, Double.NaN, Double.NaN});
        assertThat(s.set(new float[] {0.05f, 0.9f, 0.05f})).containsExactly(1);
        assertThat(s.set(new float[] {0.34f, 0.33f, 0.33f})).hasSizeGreaterThanOrEqualTo(2).startsWith(0);
        assertThat(new ConformalSets(0.9, ConformalSets.ALL, new double[] {Double.NaN, Double.NaN, Double.NaN}).set(new float[] {0.2f, 0.5f, 0.3f}))
                .containsExactly(1, 2, 0); // most probable first
    }

    @Test
    void rejectThresholdsMaximiseEachClassF1() {
        // class 0 predicted for 10 images: right at 0.9 (5 times) and 0.8, wrong at 0.6 and 0.5 (x2) and 0.4
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(new double[] {0.9, 1});
        }
        rows.add(new double[] {0.8, 1});
        rows.add(new double[] {0.6, 0});
        rows.add(new double[] {0.5, 0});
        rows.add(new double[] {0.5, 0});
        rows.add(new double[] {0.4, 0});
        // support 6: keeping down to 0.8 gives F1 2*6/(6+6) = 1, the best
        assertThat(RejectThresholds.bestF1(rows, 6)).isEqualTo(0.8);
        // when every kept image is right, keeping all is best, and the threshold is 0, not the lowest value
        assertThat(RejectThresholds.bestF1(List.of(new double[] {0.7, 1}, new double[] {0.3, 1}), 2)).isEqualTo(0.0);
        RejectThresholds r = new RejectThresholds(0.5, new double[] {0.8, Double.NaN});
        assertThat(r.accept(new float[] {0.75f, 0.25f})).isFalse();
        assertThat(r.accept(new float[] {0.85f, 0.15f})).isTrue();
        assertThat(r.accept(new float[] {0.45f, 0.55f})).isTrue(); // class 1: pooled 0.5
        assertThat(r.accept(new float[] {0.52f, 0.48f})).isFalse();
    }

    @Test
    void conformalJsonRoundTripsAndADamagedFileSaysSo() throws IOException {
        ClassList classes = ClassList.ordered(List.of("a", "b", "c"));
        PredictionSets ps = new PredictionSets(classes, new ConformalSets(0.9, 0.6, new double[] {0.4, Double.NaN, 0.7}),
                new RejectThresholds(0.3, new double[] {Double.NaN, 0.55, Double.NaN}), 123);
        ps.writeTo(tmp);
        PredictionSets back = PredictionSets.read(tmp.resolve(PredictionSets.FILE), classes);
        assertThat(back.sets().coverage()).isEqualTo(0.9);
        assertThat(back.sets().pooled()).isEqualTo(0.6);
        assertThat(back.sets().classThreshold()).containsExactly(0.4, Double.NaN, 0.7);
        assertThat(back.reject().classThreshold()).containsExactly(Double.NaN, 0.55, Double.NaN);
        assertThat(back.calibrationImages()).isEqualTo(123);
        assertThat(back.setNames(new float[] {0.1f, 0.8f, 0.1f})).isEqualTo("b");

        Path f = tmp.resolve(PredictionSets.FILE);
        Files.writeString(f, Files.readString(f).replace("\"c\"", "\"zzz\""));
        assertThatThrownBy(() -> PredictionSets.read(f, classes)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("damaged").hasMessageContaining("zzz");
        Files.writeString(f, "{\"method\": \"aps-randomised\", \"coverage\": 0.9, ");
        assertThatThrownBy(() -> PredictionSets.read(f, classes)).hasMessageContaining("damaged");
    }
}
