package org.plankton.nn.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.data.ImageFiles;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.InferenceEngines;
import org.plankton.nn.train.TrainConfig;
import org.plankton.nn.train.TrainingRun;

/** Preparing input apart from the network pass (several threads prepare, one predicts) changes nothing. */
class ClassifierPrepareTest {

    @TempDir
    static Path tmp;
    static Path model;
    static List<GrayImage> images = new ArrayList<>();

    @BeforeAll
    static void trainTiny() throws Exception {
        Path data = SyntheticPlankton.writeDataset(tmp.resolve("shapes"), 3, 20, 41);
        model = tmp.resolve("model");
        TrainConfig d = TrainConfig.defaults();
        TrainConfig cfg = new TrainConfig(1, 16, d.optimizer(), 0.05f, d.momentum(), d.weightDecay(), d.schedule(),
                d.warmup(), 0.25, 3L, 0, 0, AugmentConfig.defaults(), 0, 3L);
        TrainingRun.run(new TrainingRun.Request(data, model, cfg, PreprocessConfig.defaults().withImageSize(32),
                ArchitectureConfig.tiny().withSizeFeatures(true), false),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ImageDecoder decoder = new ImageDecoder();
        for (Path f : ImageFiles.list(List.of(data)).images()) {
            images.add(decoder.decode(f));
        }
    }

    @Test
    void testTimeAugmentationWithIdentityViewsEqualsPlainPrediction() throws Exception {
        InferenceSettings raw = InferenceSettings.defaults().withCalibrated(false);
        try (Classifier plain = Classifier.load(model, raw, InferenceEngines.torch());
             Classifier identityViews = Classifier.load(model, raw.withTta(4, false), InferenceEngines.torch(),
                     AugmentConfig.none())) {
            List<GrayImage> one = images.subList(0, 1);
            assertThat(identityViews.views()).isEqualTo(4);
            assertThat(identityViews.predict(one)[0]).containsExactly(plain.predict(one)[0],
                    org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void preparedInThreadsPredictsExactlyAsInOneCall() throws Exception {
        InferenceSettings threeGeometric = InferenceSettings.defaults().withTta(3, true);
        try (Classifier c = Classifier.load(model, threeGeometric, InferenceEngines.torch());
             Classifier plain = Classifier.load(model, InferenceSettings.defaults(), InferenceEngines.torch())) {
            float[][] direct = c.predict(images);
            int parts = 4;
            int per = (images.size() + parts - 1) / parts;
            ExecutorService pool = Executors.newFixedThreadPool(parts);
            try {
                List<Future<Classifier.Prepared>> prepared = new ArrayList<>();
                for (int p = 0; p < parts; p++) {
                    List<GrayImage> part = images.subList(p * per, Math.min(images.size(), (p + 1) * per));
                    prepared.add(pool.submit(() -> c.prepareInput(part)));
                }
                int row = 0;
                for (Future<Classifier.Prepared> f : prepared) {
                    for (float[] probs : c.predict(f.get())) {
                        // Other chunks, so other batch sizes: equal up to the kernels' float rounding.
                        assertThat(probs).as("image %d", row).containsExactly(direct[row],
                                org.assertj.core.data.Offset.offset(1e-5f));
                        row++;
                    }
                }
                assertThat(row).isEqualTo(images.size());
            } finally {
                pool.shutdownNow();
            }
            Classifier.Prepared threeViews = c.prepareInput(images.subList(0, 2));
            assertThatThrownBy(() -> plain.predict(threeViews)).hasMessageContaining("3 views");
        }
    }
}
