package org.plankton.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.bundle.BundleDraft;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleWriter;
import org.plankton.core.data.Datasets;
import org.plankton.core.data.LabelledDataset;
import org.plankton.core.data.Sample;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.weights.WeightFiles;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.InferenceSettings;
import org.plankton.nn.engine.Batch;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.InferenceEngines;
import org.plankton.nn.engine.Precision;
import org.plankton.nn.engine.TrainingSession;
import org.plankton.nn.infer.ResultSink;
import org.plankton.nn.train.BatchPipeline;

/**
 * Training and inference throughput through the code paths that {@code train} and
 * {@code classify} use, against the network alone on ready tensors. Every kind runs once per
 * round, rounds are interleaved and medians reported, so machine noise hits all kinds alike.
 *
 * <p>Training pipeline = images already decoded in memory (as {@code train} holds them), random
 * affine augmentation and batching by {@link BatchPipeline}, then a training session's step. Inference
 * from files = {@link Classifier#classifyFiles}: decode, preprocess, network. Both pipelines are
 * measured with the data work on a background thread and inline in the calling thread.
 */
public final class ThroughputBenchmark {

    /** Medians in images per second, and the process's peak resident memory. */
    public record Result(int images, int imageSize, int batchSize, double decodePerSecond,
                         Map<String, Double> imagesPerSecond, long peakRssMiB) {

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("images", images);
            m.put("image_size", imageSize);
            m.put("batch_size", batchSize);
            m.put("decode_img_per_s_one_thread", Math.round(decodePerSecond));
            imagesPerSecond.forEach((k, v) -> m.put(k + "_img_per_s", Math.round(v)));
            double trainNet = imagesPerSecond.get("train_network_only");
            double inferNet = imagesPerSecond.get("infer_network_only");
            for (String k : imagesPerSecond.keySet()) {
                double base = k.startsWith("train") ? trainNet : inferNet;
                if (!k.endsWith("network_only")) {
                    m.put(k + "_overhead", Math.round((1 - imagesPerSecond.get(k) / base) * 1000) / 1000.0);
                }
            }
            m.put("peak_rss_mib", peakRssMiB);
            return m;
        }
    }

    private static final List<String> KINDS = List.of("train_network_only", "train_pipeline_background",
            "train_pipeline_inline", "infer_network_only", "infer_files_background", "infer_files_inline");

    private ThroughputBenchmark() {
    }

    public static Result run(Path data, int maxImages, int imageSize, int batchSize, int rounds,
                             ArchitectureConfig arch, PrintStream out) throws IOException, InterruptedException {
        LabelledDataset ds = Datasets.read(data);
        List<Sample> samples = new ArrayList<>(ds.samples());
        Collections.shuffle(samples, new Random(1));
        samples = new ArrayList<>(samples.subList(0, Math.min(maxImages, samples.size())));
        samples.sort(Comparator.comparing(s -> s.path().toString()));
        List<Path> files = samples.stream().map(Sample::path).toList();
        int[] labels = samples.stream().mapToInt(Sample::label).toArray();

        ImageDecoder decoder = new ImageDecoder();
        long t0 = System.nanoTime();
        List<GrayImage> images = new ArrayList<>();
        for (Path f : files) {
            try {
                images.add(decoder.decode(f));
            } catch (ImageDecodeException e) {
                throw new IOException("benchmark images must be readable: " + e.getMessage(), e);
            }
        }
        double decodeRate = files.size() / ((System.nanoTime() - t0) / 1e9);
        PreprocessConfig pc = PreprocessConfig.defaults().withImageSize(imageSize).withNormalisation(0.1f, 0.2f);
        Preprocessor pre = new Preprocessor(pc);
        int plane = imageSize * imageSize;
        int batches = images.size() / batchSize;
        int used = batches * batchSize;
        List<Batch> ready = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[] x = new float[batchSize * plane];
            for (int i = 0; i < batchSize; i++) {
                pre.render(images.get(b * batchSize + i), Affine.identity(), x, i * plane);
            }
            ready.add(new Batch(x, Arrays.copyOfRange(labels, b * batchSize, (b + 1) * batchSize), batchSize, imageSize));
        }
        int[] order = new int[used];
        Arrays.setAll(order, i -> i);
        out.printf("benchmark: %d images (%d batches of %d) at %dx%d, %s; decode %.0f img/s (one thread)%n",
                used, batches, batchSize, imageSize, imageSize, arch.stages(), decodeRate);

        Map<String, double[]> rates = new LinkedHashMap<>();
        KINDS.forEach(k -> rates.put(k, new double[rounds]));
        Path bundleDir = Files.createTempDirectory("plankton-bench");
        try (TrainingSession session = Sessions.create(arch, ds.classes().size(), imageSize, Precision.FP32)) {
            InferenceNetwork net = session.network();
            Path bundle = bundleDir.resolve("model");
            BundleWriter.write(bundle, new BundleDraft(ds.classes(), pc, arch.toMap(), Map.of(), Map.of(),
                    WeightFiles.SAFETENSORS_NAME), session::writeWeights);
            InferenceSettings background = InferenceSettings.defaults();
            try (Classifier classifier = Classifier.load(bundle, background, InferenceEngines.torch());
                 Classifier inline = Classifier.load(bundle, background.withLoaderThreads(0), InferenceEngines.torch())) {
                // warm-up: the first steps allocate memory and pick kernels
                session.step(ready.get(0));
                net.probabilities(ready.get(0).pixels(), batchSize);
                List<Path> usedFiles = files.subList(0, used);
                for (int r = 0; r < rounds; r++) {
                    for (String kind : KINDS) {
                        long s = System.nanoTime();
                        switch (kind) {
                            case "train_network_only" -> ready.forEach(session::step);
                            case "train_pipeline_background" -> trainPipeline(session, images, labels, order, pre,
                                    batchSize, r, 1);
                            case "train_pipeline_inline" -> trainPipeline(session, images, labels, order, pre,
                                    batchSize, r, 0);
                            case "infer_network_only" -> ready.forEach(b -> net.probabilities(b.pixels(), batchSize));
                            case "infer_files_background" -> classify(classifier, usedFiles);
                            case "infer_files_inline" -> classify(inline, usedFiles);
                            default -> throw new IllegalStateException(kind);
                        }
                        rates.get(kind)[r] = used / ((System.nanoTime() - s) / 1e9);
                    }
                    StringBuilder line = new StringBuilder("round " + (r + 1) + "/" + rounds + ":");
                    for (String k : KINDS) {
                        line.append(String.format(" %s %.0f", k, rates.get(k)[r]));
                    }
                    out.println(line.append(" img/s"));
                }
            } catch (BundleException e) {
                throw new IOException(e.getMessage(), e);
            }
        } finally {
            try (var walk = Files.walk(bundleDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        rates.forEach((k, v) -> medians.put(k, median(v)));
        return new Result(used, imageSize, batchSize, decodeRate, medians, peakRssMiB());
    }

    private static void trainPipeline(TrainingSession session, List<GrayImage> images, int[] labels, int[] order,
                                      Preprocessor pre, int batchSize, int round, int threads)
            throws InterruptedException {
        try (BatchPipeline pipeline = new BatchPipeline(images, labels, order, batchSize, pre,
                AugmentConfig.defaults(), round, threads)) {
            while (pipeline.hasNext()) {
                session.step(pipeline.next());
            }
        }
    }

    private static void classify(Classifier classifier, List<Path> files) throws IOException, InterruptedException {
        classifier.classifyFiles(files, new ResultSink() {
            @Override
            public void result(Path file, float[] probabilities) {
            }

            @Override
            public void failure(Path file, String reason) {
                throw new IllegalStateException("benchmark image unreadable: " + file + ": " + reason);
            }
        }, n -> { });
    }

    static double median(double[] v) {
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
