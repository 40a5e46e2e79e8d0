package org.plankton.nn.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.augment.RandomAffine;
import org.plankton.core.data.LabelledDataset;
import org.plankton.core.data.Sample;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.infer.Network;
import org.plankton.nn.train.Nesterov;
import org.plankton.nn.train.TrainingRun;

/**
 * Training and inference throughput: the network alone on ready tensors versus the whole pipeline
 * from image files (decode, preprocess, augment for training, then the network). Rounds of each
 * are interleaved and the median per kind is reported, so machine noise hits both sides alike.
 *
 * <p>Training-pipeline rounds run as {@code plankton train} does: images decoded once into memory,
 * then each batch augmented on a background thread while the network trains on the previous one;
 * decoding is measured separately (it is paid once per run, not once per epoch).
 */
public final class ThroughputBenchmark {

    /** Results in images per second (medians over rounds) plus the process's peak memory. */
    public record Result(int images, int imageSize, int batchSize, double decodePerSecond,
                         double trainNetworkOnly, double trainPipeline, double inferNetworkOnly,
                         double inferFromFiles, long peakRssMiB) {

        public double trainOverhead() {
            return 1 - trainPipeline / trainNetworkOnly;
        }

        public double inferOverhead() {
            return 1 - inferFromFiles / inferNetworkOnly;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("images", images);
            m.put("image_size", imageSize);
            m.put("batch_size", batchSize);
            m.put("decode_img_per_s", Math.round(decodePerSecond));
            m.put("train_network_only_img_per_s", Math.round(trainNetworkOnly));
            m.put("train_pipeline_img_per_s", Math.round(trainPipeline));
            m.put("train_pipeline_overhead", Math.round(trainOverhead() * 1000) / 1000.0);
            m.put("infer_network_only_img_per_s", Math.round(inferNetworkOnly));
            m.put("infer_from_files_img_per_s", Math.round(inferFromFiles));
            m.put("infer_pipeline_overhead", Math.round(inferOverhead() * 1000) / 1000.0);
            m.put("peak_rss_mib", peakRssMiB);
            return m;
        }
    }

    private ThroughputBenchmark() {
    }

    public static Result run(Path data, int maxImages, int imageSize, int batchSize, int rounds,
                             ArchitectureConfig arch, PrintStream out) throws IOException, InterruptedException {
        LabelledDataset ds = TrainingRun.readDataset(data);
        List<Sample> samples = new ArrayList<>(ds.samples());
        java.util.Collections.shuffle(samples, new Random(1));
        samples = samples.subList(0, Math.min(maxImages, samples.size()));
        samples.sort(java.util.Comparator.comparing(s -> s.path().toString()));
        List<Path> files = samples.stream().map(Sample::path).toList();
        int[] labels = samples.stream().mapToInt(Sample::label).toArray();

        ImageDecoder decoder = new ImageDecoder();
        long t0 = System.nanoTime();
        List<GrayImage> images = new ArrayList<>();
        for (Path f : files) {
            try {
                images.add(decoder.decode(f));
            } catch (ImageDecodeException e) {
                throw new IOException("benchmark data must be readable: " + e.getMessage(), e);
            }
        }
        double decodeRate = files.size() / ((System.nanoTime() - t0) / 1e9);
        PreprocessConfig pc = PreprocessConfig.defaults().withImageSize(imageSize).withNormalisation(0.1f, 0.2f);
        Preprocessor pre = new Preprocessor(pc);
        int plane = imageSize * imageSize;
        int batches = images.size() / batchSize;
        float[][] ready = new float[batches][batchSize * plane];
        for (int b = 0; b < batches; b++) {
            for (int i = 0; i < batchSize; i++) {
                pre.render(images.get(b * batchSize + i), Affine.identity(), ready[b], i * plane);
            }
        }
        out.printf("benchmark: %d images (%d batches of %d) at %dx%d, decode %.0f img/s (one thread)%n",
                images.size(), batches, batchSize, imageSize, imageSize, decodeRate);

        double[] trainNet = new double[rounds];
        double[] trainPipe = new double[rounds];
        double[] inferNet = new double[rounds];
        double[] inferFiles = new double[rounds];
        try (Network net = Network.create(arch, ds.classes().size(), imageSize);
             Trainer trainer = net.model().newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                     .optOptimizer(new Nesterov(ai.djl.training.tracker.Tracker.fixed(0.001f), 0.9f, 5e-4f)))) {
            trainer.initialize(new Shape(batchSize, 1, imageSize, imageSize));
            // warm-up: first steps allocate and pick kernels
            trainSteps(trainer, ready, labels, batchSize, imageSize, 2);
            net.probabilities(ready[0], batchSize);
            for (int r = 0; r < rounds; r++) {
                long s = System.nanoTime();
                trainSteps(trainer, ready, labels, batchSize, imageSize, batches);
                trainNet[r] = batches * batchSize / ((System.nanoTime() - s) / 1e9);

                s = System.nanoTime();
                trainWithAugmentation(trainer, images, labels, pre, batchSize, imageSize, batches, r);
                trainPipe[r] = batches * batchSize / ((System.nanoTime() - s) / 1e9);

                s = System.nanoTime();
                for (float[] batch : ready) {
                    net.probabilities(batch, batchSize);
                }
                inferNet[r] = batches * batchSize / ((System.nanoTime() - s) / 1e9);

                s = System.nanoTime();
                inferFromFiles(net, decoder, pre, files, batchSize, imageSize, batches);
                inferFiles[r] = batches * batchSize / ((System.nanoTime() - s) / 1e9);
                out.printf("round %d/%d: train net %.0f, train pipeline %.0f, infer net %.0f, infer from files %.0f img/s%n",
                        r + 1, rounds, trainNet[r], trainPipe[r], inferNet[r], inferFiles[r]);
            }
        }
        return new Result(images.size(), imageSize, batchSize, decodeRate, median(trainNet), median(trainPipe),
                median(inferNet), median(inferFiles), peakRssMiB());
    }

    private static void trainSteps(Trainer trainer, float[][] ready, int[] labels, int bs, int side, int steps) {
        for (int b = 0; b < steps; b++) {
            step(trainer, ready[b % ready.length], Arrays.copyOfRange(labels, (b % ready.length) * bs,
                    (b % ready.length + 1) * bs), bs, side);
        }
    }

    /** As in training: augmentation of batch b+1 on a background thread while batch b trains. */
    private static void trainWithAugmentation(Trainer trainer, List<GrayImage> images, int[] labels, Preprocessor pre,
                                              int bs, int side, int batches, int round) throws InterruptedException {
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            int plane = side * side;
            AugmentConfig aug = AugmentConfig.defaults();
            java.util.function.IntFunction<float[]> prepare = b -> {
                float[] x = new float[bs * plane];
                for (int i = 0; i < bs; i++) {
                    Affine a = RandomAffine.sample(aug, side, new Random(round * 1_000_000L + b * bs + i));
                    pre.render(images.get(b * bs + i), a, x, i * plane);
                }
                return x;
            };
            var next = pool.submit(() -> prepare.apply(0));
            for (int b = 0; b < batches; b++) {
                float[] x = next.get();
                if (b + 1 < batches) {
                    int nb = b + 1;
                    next = pool.submit(() -> prepare.apply(nb));
                }
                step(trainer, x, Arrays.copyOfRange(labels, b * bs, (b + 1) * bs), bs, side);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void inferFromFiles(Network net, ImageDecoder decoder, Preprocessor pre, List<Path> files,
                                       int bs, int side, int batches) throws IOException {
        int plane = side * side;
        float[] x = new float[bs * plane];
        for (int b = 0; b < batches; b++) {
            for (int i = 0; i < bs; i++) {
                try {
                    pre.render(decoder.decode(files.get(b * bs + i)), Affine.identity(), x, i * plane);
                } catch (ImageDecodeException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
            net.probabilities(x, bs);
        }
    }

    private static void step(Trainer trainer, float[] x, int[] y, int bs, int side) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray xs = m.create(x, new Shape(bs, 1, side, side));
            NDArray ys = m.create(y);
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray loss = trainer.getLoss().evaluate(new NDList(ys), trainer.forward(new NDList(xs)));
                gc.backward(loss);
            }
            trainer.step();
        }
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    /** VmHWM of this process from /proc (Linux); -1 elsewhere. */
    public static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
