package org.plankton.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.Batch;
import org.plankton.nn.engine.Precision;
import org.plankton.nn.engine.TrainingSession;

/**
 * What network variants cost: training and inference images per second of several architectures,
 * on the same random batches, measured in interleaved rounds in one process (the machine is shared
 * and noisy, so only side-by-side ratios mean much). Medians over rounds are reported.
 */
public final class ArchitectureBenchmark {

    /** Median img/s of one variant. */
    public record Rates(double train, double infer) {
    }

    private ArchitectureBenchmark() {
    }

    public static Map<String, Rates> run(Map<String, ArchitectureConfig> variants, int imageSize, int batchSize,
                                         int batches, int rounds, PrintStream out) {
        return run(variants, Set.of(), imageSize, batchSize, batches, rounds, out);
    }

    /** @param bf16 variants that train and infer in bf16 (autocast); the others in fp32 */
    public static Map<String, Rates> run(Map<String, ArchitectureConfig> variants, Set<String> bf16, int imageSize,
                                         int batchSize, int batches, int rounds, PrintStream out) {
        Random rnd = new Random(7);
        int plane = imageSize * imageSize;
        List<Batch> data = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[] x = new float[batchSize * plane];
            int[] y = new int[batchSize];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextGaussian();
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = rnd.nextInt(121);
            }
            data.add(new Batch(x, y, batchSize, imageSize));
        }
        Map<String, double[]> train = new LinkedHashMap<>();
        Map<String, double[]> infer = new LinkedHashMap<>();
        Map<String, TrainingSession> sessions = new LinkedHashMap<>();
        try {
            for (var v : variants.entrySet()) {
                TrainingSession s = Sessions.create(v.getValue(), 121, imageSize,
                        bf16.contains(v.getKey()) ? Precision.BF16 : Precision.FP32);
                sessions.put(v.getKey(), s);
                s.step(data.get(0)); // warm-up: allocation and kernel choice
                s.network().probabilities(data.get(0).pixels(), batchSize);
                train.put(v.getKey(), new double[rounds]);
                infer.put(v.getKey(), new double[rounds]);
            }
            long images = (long) batches * batchSize;
            for (int r = 0; r < rounds; r++) {
                StringBuilder line = new StringBuilder("round " + (r + 1) + "/" + rounds + ":");
                for (String name : variants.keySet()) {
                    TrainingSession s = sessions.get(name);
                    long t0 = System.nanoTime();
                    data.forEach(s::step);
                    train.get(name)[r] = images / ((System.nanoTime() - t0) / 1e9);
                    t0 = System.nanoTime();
                    data.forEach(b -> s.network().probabilities(b.pixels(), batchSize));
                    infer.get(name)[r] = images / ((System.nanoTime() - t0) / 1e9);
                    line.append(String.format(" %s train %.0f infer %.0f;", name, train.get(name)[r], infer.get(name)[r]));
                }
                out.println(line.append(" img/s"));
            }
        } finally {
            sessions.values().forEach(TrainingSession::close);
        }
        Map<String, Rates> result = new LinkedHashMap<>();
        for (String name : variants.keySet()) {
            result.put(name, new Rates(ThroughputBenchmark.median(train.get(name)),
                    ThroughputBenchmark.median(infer.get(name))));
        }
        return result;
    }
}
