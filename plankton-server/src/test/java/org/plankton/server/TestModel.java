package org.plankton.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.testing.SyntheticPlankton;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.train.TrainConfig;
import org.plankton.nn.train.TrainingRun;

/**
 * A tiny model trained once per test JVM on synthetic shapes (3 classes, 32 px, 2 epochs: a few
 * seconds on 2 cores). Its accuracy does not matter; the server tests need a real bundle.
 */
public final class TestModel {

    private static Path model;
    private static Path data;

    private TestModel() {
    }

    public static synchronized Path model() throws IOException, InterruptedException {
        if (model == null) {
            Path root = Files.createTempDirectory("plankton-server-test-");
            data = SyntheticPlankton.writeDataset(root.resolve("shapes"), 3, 24, 7);
            Path out = root.resolve("tiny-model");
            TrainConfig d = TrainConfig.defaults();
            TrainConfig cfg = new TrainConfig(2, 16, d.optimizer(), 0.05f, d.momentum(), d.weightDecay(), d.schedule(),
                    d.warmup(), 0.25, 11L, 0, 0, AugmentConfig.defaults(), 0, 11L);
            PreprocessConfig pre = PreprocessConfig.defaults().withImageSize(32);
            TrainingRun.run(new TrainingRun.Request(data, out, cfg, pre, ArchitectureConfig.tiny(), false),
                    new PrintStream(OutputStream.nullOutputStream()));
            model = out;
        }
        return model;
    }

    /** The synthetic data set the model was trained on: {@code <class>/<n>.png}. */
    public static synchronized Path data() throws IOException, InterruptedException {
        model();
        return data;
    }

    /** The test data's PNG files, sorted, as upload parts named by file name (at most {@code limit}). */
    public static java.util.List<Http.Part> imageParts(int limit) throws IOException, InterruptedException {
        try (java.util.stream.Stream<Path> files = Files.walk(data())) {
            java.util.List<Http.Part> parts = new java.util.ArrayList<>();
            for (Path f : files.filter(x -> x.toString().endsWith(".png")).sorted().limit(limit).toList()) {
                parts.add(new Http.Part(f.getFileName().toString(), Files.readAllBytes(f)));
            }
            return parts;
        }
    }
}
