package org.plankton.nn.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The held-out ensemble estimate never scores an image with weights that saw its label. */
class EnsembleCrossFitTest {

    static float[][] member(int[] labels, int classes, double skill, long seed) {
        Random rnd = new Random(seed);
        float[][] p = new float[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[i][c] = (float) (rnd.nextDouble() + (c == labels[i] ? skill : 0));
                sum += p[i][c];
            }
            for (int c = 0; c < classes; c++) {
                p[i][c] /= (float) sum;
            }
        }
        return p;
    }

    @Test
    void anImagesBlendDoesNotDependOnItsOwnLabel() {
        int n = 200;
        int classes = 4;
        Random rnd = new Random(1);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(classes);
        }
        List<float[][]> probs = List.of(member(labels, classes, 3.0, 2), member(labels, classes, 0.3, 3));
        float[][] before = EnsembleBuilder.crossFitted(probs, labels, 42L);
        for (float[] row : before) {
            double sum = 0;
            for (float v : row) {
                sum += v;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
        // Change one image's label: its own blend must stay exactly the same (its fold's weights
        // were fitted on the other half), while the other half's blends may move.
        for (int i : new int[] {0, 17, 199}) {
            int[] changed = labels.clone();
            changed[i] = (labels[i] + 1) % classes;
            float[][] after = EnsembleBuilder.crossFitted(probs, changed, 42L);
            assertThat(after[i]).as("image %d", i).containsExactly(before[i]);
        }
    }
}
