package org.plankton.nn.train;

import org.plankton.nn.engine.Batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plankton.core.image.GrayImage;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.preprocess.Preprocessor;

class MixupTest {

    @Test
    void betaDrawsHaveTheRightShape() {
        Random rnd = new Random(1);
        double sum = 0;
        int extreme = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            double l = Mixup.beta(0.2, rnd);
            assertThat(l).isBetween(0.0, 1.0);
            sum += l;
            if (l < 0.1 || l > 0.9) {
                extreme++;
            }
        }
        assertThat(sum / n).isCloseTo(0.5, within(0.02));
        assertThat((double) extreme / n).as("Beta(0.2, 0.2) is U-shaped").isGreaterThan(0.5);
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            s2 += Mixup.gamma(3.0, rnd);
        }
        assertThat(s2 / n).as("Gamma(3) mean").isCloseTo(3.0, within(0.1));
    }

    @Test
    void mixedBatchesBlendImagesAndTargetsAlike() throws Exception {
        List<GrayImage> images = new ArrayList<>();
        Random rnd = new Random(2);
        int[] labels = new int[16];
        for (int i = 0; i < 16; i++) {
            byte[] px = new byte[20 * 20];
            rnd.nextBytes(px);
            images.add(new GrayImage(20, 20, px));
            labels[i] = i % 4;
        }
        int[] order = java.util.stream.IntStream.range(0, 16).toArray();
        Preprocessor pre = new Preprocessor(PreprocessConfig.defaults().withImageSize(16));
        Batch plain;
        Batch mixed;
        try (BatchPipeline p = new BatchPipeline(images, labels, null, 4, order, 16, pre, null, 7, 0, 0f, new org.plankton.nn.arch.InputLayout(16, false))) {
            plain = p.next();
        }
        try (BatchPipeline p = new BatchPipeline(images, labels, null, 4, order, 16, pre, null, 7, 0, 0.4f, new org.plankton.nn.arch.InputLayout(16, false))) {
            mixed = p.next();
        }
        assertThat(plain.targets()).isNull();
        float[] t = mixed.targets();
        double[] classTotals = new double[4];
        for (int i = 0; i < 16; i++) {
            double row = 0;
            int nonZero = 0;
            for (int c = 0; c < 4; c++) {
                row += t[i * 4 + c];
                classTotals[c] += t[i * 4 + c];
                nonZero += t[i * 4 + c] > 0 ? 1 : 0;
            }
            assertThat(row).isCloseTo(1.0, within(1e-5));
            assertThat(nonZero).isBetween(1, 2);
        }
        // Blending with a permutation of the batch keeps the batch's totals.
        for (int c = 0; c < 4; c++) {
            assertThat(classTotals[c]).isCloseTo(4.0, within(1e-4));
        }
        double sumPlain = 0;
        double sumMixed = 0;
        for (int k = 0; k < plain.pixels().length; k++) {
            sumPlain += plain.pixels()[k];
            sumMixed += mixed.pixels()[k];
        }
        assertThat(sumMixed).isCloseTo(sumPlain, within(1e-2 * Math.max(1, Math.abs(sumPlain))));
        assertThat(mixed.pixels()).isNotEqualTo(plain.pixels());
    }
    @Test
    void eachImageIsBlendedWithThePartnerWhoseLabelItTakes() {
        // One class per image, so each blended target names the partner it was mixed with.
        int n = 8;
        int plane = 5;
        Random rnd = new Random(4);
        float[] px = new float[n * plane];
        for (int k = 0; k < px.length; k++) {
            px[k] = rnd.nextFloat();
        }
        float[] ty = new float[n * n];
        for (int i = 0; i < n; i++) {
            ty[i * n + i] = 1;
        }
        float[] pixels = px.clone();
        float[] targets = ty.clone();
        float l = (float) Mixup.blend(pixels, targets, n, plane, n, 0.4f, new Random(9));
        assertThat(l).isStrictlyBetween(0f, 1f);
        boolean[] usedAsPartner = new boolean[n];
        int moved = 0;
        for (int i = 0; i < n; i++) {
            int j = i;
            for (int c = 0; c < n; c++) {
                if (c != i && targets[i * n + c] > 0) {
                    j = c;
                }
            }
            assertThat(usedAsPartner[j]).as("partners form a permutation").isFalse();
            usedAsPartner[j] = true;
            moved += j != i ? 1 : 0;
            assertThat(targets[i * n + i]).isCloseTo(j == i ? 1f : l, within(1e-6f));
            for (int k = 0; k < plane; k++) {
                assertThat(pixels[i * plane + k]).as("image %d pixel %d", i, k)
                        .isCloseTo(l * px[i * plane + k] + (1 - l) * px[j * plane + k], within(1e-6f));
            }
        }
        assertThat(moved).as("most images get another partner").isGreaterThan(n / 2);
    }
}
