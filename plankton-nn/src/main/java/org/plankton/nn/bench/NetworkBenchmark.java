package org.plankton.nn.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.plankton.core.features.SizeFeatures;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.engine.Precision;
import org.plankton.nn.torch.TorchRuntime;

/**
 * Network-only training and inference throughput of one engine and precision on synthetic batches
 * (the network does the same work whatever the pixel values): {@code djl-fp32} (today's engine),
 * {@code fp32} or {@code bf16} (JavaCPP libtorch; bf16 = autocast mixed precision). The two
 * engines cannot share a process (see {@link TorchRuntime}), so comparing them takes one JVM per
 * engine: {@code bench/engine-compare.sh} alternates them. Within a run, training and inference
 * alternate per round and medians are reported.
 */
public final class NetworkBenchmark {

    /** The choices of {@code --precision}. */
    public static final List<String> PRECISIONS = List.of("djl-fp32", "fp32", "bf16");

    /** Medians in images per second (same keys as {@link ThroughputBenchmark}'s network-only figures). */
    public record Result(String precision, int imageSize, int batchSize, int images, double trainPerSecond,
                         double inferPerSecond, long peakRssMiB, String engine) {

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("precision", precision);
            m.put("engine", engine);
            m.put("image_size", imageSize);
            m.put("batch_size", batchSize);
            m.put("images_per_round", images);
            m.put("train_network_only_img_per_s", Math.round(trainPerSecond * 10) / 10.0);
            m.put("infer_network_only_img_per_s", Math.round(inferPerSecond * 10) / 10.0);
            m.put("peak_rss_mib", peakRssMiB);
            return m;
        }
    }

    private NetworkBenchmark() {
    }

    /**
     * @param precision    one of {@link #PRECISIONS}
     * @param batches      batches per round and kind
     * @param channelsLast JavaCPP engine only: channels-last memory format (faster with oneDNN)
     */
    public static Result run(ArchitectureConfig arch, int numClasses, int imageSize, int batchSize, int batches,
                             int rounds, String precision, boolean channelsLast, PrintStream log) {
        if (!PRECISIONS.contains(precision)) {
            throw new IllegalArgumentException("precision must be one of " + PRECISIONS + ", got '" + precision + "'");
        }
        if (batchSize < 1 || batches < 1 || rounds < 1) {
            throw new IllegalArgumentException("batch size, batches and rounds must be >= 1, got " + batchSize + ", "
                    + batches + ", " + rounds);
        }
        InputLayout layout = InputLayout.of(arch, imageSize);
        float[][] rows = new float[batches][];
        int[][] labels = new int[batches][];
        Random r = new Random(1);
        for (int b = 0; b < batches; b++) {
            rows[b] = synthetic(layout, batchSize, r);
            labels[b] = r.ints(batchSize, 0, numClasses).toArray();
        }
        boolean djl = precision.equals("djl-fp32");
        String engine = djl ? "DJL 0.36.0 + libtorch 2.7.1"
                : "JavaCPP " + TorchRuntime.PRESET + ", " + TorchRuntime.ensureLoaded() + (channelsLast ? ", channels-last" : "");
        log.printf("network benchmark: %s, %s, %dx%d, batch %d, %d batches x %d rounds%n", precision, engine,
                imageSize, imageSize, batchSize, batches, rounds);
        double[] train = new double[rounds];
        double[] infer = new double[rounds];
        try (NetworkRunner runner = djl ? new DjlNetworkRunner(arch, numClasses, imageSize, batchSize)
                : new TorchNetworkRunner(arch, numClasses, imageSize, Precision.parse(precision), channelsLast)) {
            // warm-up: the first steps allocate memory and pick kernels
            for (int i = 0; i < 2; i++) {
                runner.train(rows[0], labels[0], batchSize);
                runner.infer(rows[0], batchSize);
            }
            int images = batches * batchSize;
            for (int k = 0; k < rounds; k++) {
                long t0 = System.nanoTime();
                for (int b = 0; b < batches; b++) {
                    runner.train(rows[b], labels[b], batchSize);
                }
                train[k] = images / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                for (int b = 0; b < batches; b++) {
                    runner.infer(rows[b], batchSize);
                }
                infer[k] = images / ((System.nanoTime() - t0) / 1e9);
                log.printf("round %d/%d: train %.1f img/s, infer %.1f img/s%n", k + 1, rounds, train[k], infer[k]);
            }
        }
        return new Result(precision, imageSize, batchSize, batches * batchSize, ThroughputBenchmark.median(train),
                ThroughputBenchmark.median(infer), ThroughputBenchmark.peakRssMiB(), engine);
    }

    /** Pixels roughly like normalised plankton images (mostly background, some bright), plausible size features. */
    static float[] synthetic(InputLayout layout, int n, Random r) {
        float[] x = new float[n * layout.length()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() < 0.7f ? -0.3f : (float) r.nextGaussian() * 1.5f + 1f;
        }
        if (layout.sizeFeatures()) {
            for (int i = 0; i < n; i++) {
                int start = (i + 1) * layout.length() - SizeFeatures.COUNT;
                for (int f = 0; f < SizeFeatures.COUNT; f++) {
                    x[start + f] = (float) (r.nextGaussian() * 2 + 3);
                }
            }
        }
        return x;
    }
}
