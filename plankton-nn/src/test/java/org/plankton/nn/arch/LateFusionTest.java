package org.plankton.nn.arch;

import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.features.SizeFeatures;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.nn.engine.OptimizerKind;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.engine.Engines;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.NetworkSpec;
import org.plankton.nn.engine.ParameterNames;
import org.plankton.nn.train.ScheduleKind;
import org.plankton.nn.train.TrainConfig;
import org.plankton.nn.train.TrainingRun;

/** Size features reach the prediction: classes that differ only in absolute size become separable. */
class LateFusionTest {

    @TempDir
    Path tmp;

    /** Discs filling their image, in small (20-26 px) or large (60-80 px) images. */
    Path sizeOnlyDataset() throws Exception {
        Random rnd = new Random(4);
        for (String cls : new String[] {"large", "small"}) {
            Path dir = Files.createDirectories(tmp.resolve("sizes").resolve(cls));
            for (int i = 0; i < 40; i++) {
                int side = cls.equals("small") ? 20 + rnd.nextInt(7) : 60 + rnd.nextInt(21);
                BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
                Graphics2D g = img.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, side, side);
                g.setColor(new Color(40, 40, 40));
                double d = side * 0.8;
                g.fill(new Ellipse2D.Double((side - d) / 2, (side - d) / 2, d, d));
                g.dispose();
                ImageIO.write(img, "png", dir.resolve(cls + "_" + i + ".png").toFile());
            }
        }
        return tmp.resolve("sizes");
    }

    @Test
    void fusedNetworkTakesOneRowOfPixelsAndFeaturesPerImage() {
        ArchitectureConfig arch = ArchitectureConfig.tiny().withSizeFeatures(true);
        try (InferenceNetwork net = Engines.current().network(new NetworkSpec(arch, 3, 32), 1)) {
            assertThat(net.layout().length()).isEqualTo(32 * 32 + SizeFeatures.COUNT);
            float[] input = new float[2 * net.layout().length()];
            float[][] p = net.probabilities(input, 2);
            assertThat(p).hasDimensions(2, 3);
            List<String> names = net.weights().stream().map(t -> t.name()).toList();
            // weight and bias of both output layers
            assertThat(ParameterNames.head(names).stream().map(names::get))
                    .containsExactly("01convnet_14Linear_weight", "01convnet_14Linear_bias",
                            "02sizeNet_06Linear_weight", "02sizeNet_06Linear_bias");
        }
    }

    @Test
    void featuresComputedOnceWriteTheSameRowAsComputedPerView() throws Exception {
        org.plankton.core.image.GrayImage image = new org.plankton.core.image.ImageDecoder()
                .decode(Files.list(sizeOnlyDataset().resolve("large")).findFirst().orElseThrow());
        org.plankton.core.preprocess.Preprocessor pre = new org.plankton.core.preprocess.Preprocessor(
                PreprocessConfig.defaults().withImageSize(32));
        InputLayout layout = new InputLayout(32, true, 0.5f);
        org.plankton.core.preprocess.Affine view = new org.plankton.core.preprocess.Affine(0.9, 0.2, 1.5, -0.2, 0.9, -2);
        float[] perView = new float[2 * layout.length()];
        float[] once = new float[2 * layout.length()];
        layout.write(pre, image, view, perView, 1);
        layout.write(pre, image, view, once, 1, layout.features(pre, image));
        assertThat(once).containsExactly(perView);
        assertThat(new InputLayout(32, false).features(pre, image)).isNull();
    }

    @Test
    void sizeFeaturesSeparateClassesThatDifferOnlyInSize() throws Exception {
        Path data = sizeOnlyDataset();
        TrainConfig config = new TrainConfig(6, 16, OptimizerKind.NESTEROV, 0.05f, 0.9f, 1e-4f, ScheduleKind.COSINE, 0.05, 0.25, 3L, 0, 0,
                AugmentConfig.defaults(), 1, 3L);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path out = tmp.resolve("fused");
        TrainingRun.Result fused = TrainingRun.run(new TrainingRun.Request(data, out, config,
                PreprocessConfig.defaults().withImageSize(32), ArchitectureConfig.tiny().withSizeFeatures(true), false), quiet);
        double accuracy = fused.history().get(fused.bestEpoch() - 1).valAccuracy();
        TrainingRun.Result plain = TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("plain"), config,
                PreprocessConfig.defaults().withImageSize(32), ArchitectureConfig.tiny(), false), quiet);
        double plainAccuracy = plain.history().get(plain.bestEpoch() - 1).valAccuracy();
        System.out.printf("size-only classes: validation accuracy %.3f fused, %.3f plain; log loss %.3f vs %.3f%n",
                accuracy, plainAccuracy, fused.bestValLogLoss(), plain.bestValLogLoss());
        assertThat(accuracy).as("validation accuracy with size features (chance 0.5)").isGreaterThanOrEqualTo(0.85);
        assertThat(fused.bestValLogLoss()).as("fused beats the plain network").isLessThan(plain.bestValLogLoss());
        // The saved bundle reloads as a fused network and classifies files through the same layout.
        try (Classifier c = Classifier.load(out)) {
            var decoder = new org.plankton.core.image.ImageDecoder();
            int correct = 0;
            int total = 0;
            for (String cls : new String[] {"large", "small"}) {
                for (int i = 0; i < 40; i++) {
                    var img = decoder.decode(data.resolve(cls).resolve(cls + "_" + i + ".png"));
                    float[] p = c.predict(java.util.List.of(img))[0];
                    correct += p[c.classes().indexOf(cls)] > 0.5f ? 1 : 0;
                    total++;
                }
            }
            assertThat((double) correct / total).as("accuracy through the inference path").isGreaterThanOrEqualTo(0.85);
        }
    }

    @Test
    void fixedScaleBranchAlsoSeparatesThem() throws Exception {
        Path data = sizeOnlyDataset();
        TrainConfig config = new TrainConfig(6, 16, OptimizerKind.NESTEROV, 0.05f, 0.9f, 1e-4f, ScheduleKind.COSINE, 0.05, 0.25, 3L, 0, 0,
                AugmentConfig.defaults(), 1, 3L);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ArchitectureConfig arch = ArchitectureConfig.tiny().withFixedScale(0.5f);
        try (InferenceNetwork net = Engines.current().network(new NetworkSpec(arch, 2, 32), 1)) {
            assertThat(net.layout().length()).isEqualTo(32 * 32 + 16 * 16);
        }
        TrainingRun.Result r = TrainingRun.run(new TrainingRun.Request(data, tmp.resolve("fixed"), config,
                PreprocessConfig.defaults().withImageSize(32), arch, false), quiet);
        System.out.printf("size-only classes, fixed-scale branch: accuracy %.3f, log loss %.3f%n",
                r.history().get(r.bestEpoch() - 1).valAccuracy(), r.bestValLogLoss());
        assertThat(r.history().get(r.bestEpoch() - 1).valAccuracy()).isGreaterThanOrEqualTo(0.85);
    }
}
