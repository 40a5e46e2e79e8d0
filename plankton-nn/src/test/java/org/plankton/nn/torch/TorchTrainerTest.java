package org.plankton.nn.torch;

import org.plankton.nn.engine.OptimizerConfig;
import org.plankton.nn.engine.OptimizerKind;
import org.plankton.nn.engine.Precision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.plankton.core.image.GrayImage;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.core.weights.NamedTensor;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;

class TorchTrainerTest {

    static final int SIDE = 32;
    static final int N = 32;
    static final ArchitectureConfig ARCH = ArchitectureConfig.tiny().withSizeFeatures(true);

    /** Two batches of labelled synthetic plankton (5 shapes), as network rows. */
    record Data(float[][] rows, int[][] labels) {
    }

    static Data data(long seed) {
        Random r = new Random(seed);
        InputLayout layout = InputLayout.of(ARCH, SIDE);
        Preprocessor pre = new Preprocessor(PreprocessConfig.defaults().withImageSize(SIDE));
        float[][] rows = new float[2][N * layout.length()];
        int[][] labels = new int[2][N];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < N; i++) {
                labels[b][i] = r.nextInt(5);
                GrayImage img = TestData.gray(SyntheticPlankton.draw(SyntheticPlankton.CLASSES.get(labels[b][i]), r));
                layout.write(pre, img, Affine.identity(), rows[b], i);
            }
        }
        return new Data(rows, labels);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aFewDozenStepsReduceTheLoss(Precision precision) {
        Data d = data(1);
        try (TorchNetwork net = TorchNetwork.create(ARCH, 5, SIDE, 3);
             TorchTrainer trainer = new TorchTrainer(net, OptimizerConfig.nesterov(0.02, 0.9, 5e-4))) {
            net.setPrecision(precision);
            float[] losses = new float[40];
            for (int s = 0; s < losses.length; s++) {
                losses[s] = trainer.step(d.rows()[s % 2], d.labels()[s % 2], N);
            }
            double first = mean(losses, 0, 4);
            double last = mean(losses, 36, 40);
            System.out.printf("%s: loss %.3f -> %.3f%n", precision, first, last);
            assertThat(first).isCloseTo(Math.log(5), within(0.6));
            assertThat(last).isLessThan(first * 0.6);
        }
    }

    @Test
    void adamWReducesTheLossToo() {
        Data d = data(2);
        try (TorchNetwork net = TorchNetwork.create(ARCH, 5, SIDE, 3);
             TorchTrainer trainer = new TorchTrainer(net, OptimizerConfig.adamW(0.003, 0.01))) {
            net.setPrecision(Precision.BF16);
            float[] losses = new float[30];
            for (int s = 0; s < losses.length; s++) {
                losses[s] = trainer.step(d.rows()[s % 2], d.labels()[s % 2], N);
            }
            assertThat(mean(losses, 26, 30)).isLessThan(mean(losses, 0, 4) * 0.6);
        }
    }

    @Test
    void oneHotSoftTargetsTrainLikeLabels() {
        Data d = data(3);
        float[] oneHot = new float[N * 5];
        for (int i = 0; i < N; i++) {
            oneHot[i * 5 + d.labels()[0][i]] = 1;
        }
        try (TorchNetwork a = TorchNetwork.create(ARCH, 5, SIDE, 4);
             TorchTrainer ta = new TorchTrainer(a, OptimizerConfig.nesterov(0.02, 0.9, 5e-4))) {
            float la = ta.step(d.rows()[0], d.labels()[0], N);
            List<NamedTensor> wa = a.weights();
            try (TorchNetwork b = TorchNetwork.create(ARCH, 5, SIDE, 4);
                 TorchTrainer tb = new TorchTrainer(b, OptimizerConfig.nesterov(0.02, 0.9, 5e-4))) {
                float lb = tb.step(d.rows()[0], oneHot, N);
                assertThat(lb).isCloseTo(la, within(1e-5f));
                assertClose(b.weights(), wa, 1e-5);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nesterov", "adamw"})
    void aResumedRunContinuesLikeTheUninterruptedOne(String optimizer, @TempDir Path dir) throws IOException {
        Data d = data(4);
        ArchitectureConfig withDropout = ARCH.withDropout(0.3f); // the generator state must be restored too
        OptimizerConfig config = new OptimizerConfig(OptimizerKind.parse(optimizer), optimizer.equals("adamw") ? 0.003 : 0.02, 0.9, 5e-4);
        float[] straight = new float[3];
        List<NamedTensor> straightWeights;
        try (TorchNetwork net = TorchNetwork.create(withDropout, 5, SIDE, 5);
             TorchTrainer trainer = new TorchTrainer(net, config)) {
            net.setPrecision(Precision.BF16);
            for (int s = 0; s < 3; s++) {
                trainer.step(d.rows()[s % 2], d.labels()[s % 2], N);
            }
            trainer.setLearningRate(config.learningRate() / 2);
            trainer.saveCheckpoint(dir);
            for (int s = 0; s < 3; s++) {
                straight[s] = trainer.step(d.rows()[s % 2], d.labels()[s % 2], N);
            }
            straightWeights = net.weights();
        }
        try (TorchNetwork net = TorchNetwork.create(withDropout, 5, SIDE, 99);
             TorchTrainer trainer = new TorchTrainer(net, config)) {
            net.setPrecision(Precision.BF16);
            trainer.loadCheckpoint(dir);
            assertThat(trainer.learningRate()).isEqualTo(config.learningRate() / 2);
            for (int s = 0; s < 3; s++) {
                assertThat(trainer.step(d.rows()[s % 2], d.labels()[s % 2], N)).isCloseTo(straight[s], within(1e-5f));
            }
            assertClose(net.weights(), straightWeights, 1e-5);
        }
    }

    private static void assertClose(List<NamedTensor> actual, List<NamedTensor> expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            float[] a = actual.get(i).values();
            float[] e = expected.get(i).values();
            for (int k = 0; k < a.length; k++) {
                assertThat((double) a[k]).as(actual.get(i).name()).isCloseTo(e[k], within(tolerance));
            }
        }
    }

    private static double mean(float[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }
}
