package org.plankton.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.plankton.core.features.SizeFeatures;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.engine.Precision;
import org.plankton.nn.engine.Batch;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.TrainingSession;

/**
 * Network-only training and inference throughput in one precision on synthetic batches (the network
 * does the same work whatever the pixel values): {@code fp32} or {@code bf16} (autocast mixed
 * precision), through the same training session and guard as {@code train}. Comparing precisions
 * takes one JVM each, so that one's allocations do not tax the other: {@code bench/engine-compare.sh}
 * alternates them. Within a run, training and inference alternate per round and medians are reported.
 */
public final class NetworkBenchmark {

    /** The choices of {@code --precision}. */
    public static final List<String> PRECISIONS = List.of("fp32", "bf16");

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
     * @param precision one of {@link #PRECISIONS}
     * @param batches   batches per round and kind
     */
    public static Result run(ArchitectureConfig arch, int numClasses, int imageSize, int batchSize, int batches,
                             int rounds, String precision, PrintStream log) {
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
        double[] train = new double[rounds];
        double[] infer = new double[rounds];
        String engine;
        try (TrainingSession session = Sessions.create(arch, numClasses, imageSize, Precision.parse(precision))) {
            engine = session.description();
            log.printf("network benchmark: %s, %dx%d, batch %d, %d batches x %d rounds%n", engine, imageSize, imageSize,
                    batchSize, batches, rounds);
            InferenceNetwork net = session.network();
            // warm-up: the first steps allocate memory and pick kernels
            for (int i = 0; i < 2; i++) {
                session.step(new Batch(rows[0], labels[0], batchSize, imageSize));
                net.probabilities(rows[0], batchSize);
            }
            int images = batches * batchSize;
            for (int k = 0; k < rounds; k++) {
                long t0 = System.nanoTime();
                for (int b = 0; b < batches; b++) {
                    session.step(new Batch(rows[b], labels[b], batchSize, imageSize));
                }
                train[k] = images / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                for (int b = 0; b < batches; b++) {
                    net.probabilities(rows[b], batchSize);
                }
                infer[k] = images / ((System.nanoTime() - t0) / 1e9);
                log.printf("round %d/%d: train %.1f img/s, infer %.1f img/s%n", k + 1, rounds, train[k], infer[k]);
            }
        }
        return new Result(precision, imageSize, batchSize, batches * batchSize, ThroughputBenchmark.median(train),
                ThroughputBenchmark.median(infer), ThroughputBenchmark.peakRssMiB(), engine);
    }

    /**
     * Pixels roughly like normalised plankton images (mostly background, some bright), plausible size
     * features; the input of every network-only benchmark, whichever runtime runs it.
     */
    public static float[] synthetic(InputLayout layout, int n, Random r) {
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
