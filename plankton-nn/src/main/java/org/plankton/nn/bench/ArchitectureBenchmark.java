package org.plankton.nn.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.infer.Network;
import org.plankton.nn.train.Batch;
import org.plankton.nn.train.Nesterov;
import org.plankton.nn.train.TrainStep;

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
        return run(variants, java.util.Set.of(), imageSize, batchSize, batches, rounds, out);
    }

    /**
     * @param halfPrecision variants whose inference runs in float16 ({@link Network#setComputeType});
     *                      they are not trained (training is float32 only), and report train 0
     */
    public static Map<String, Rates> run(Map<String, ArchitectureConfig> variants, java.util.Set<String> halfPrecision,
                                         int imageSize, int batchSize, int batches, int rounds, PrintStream out) {
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
        Map<String, Network> nets = new LinkedHashMap<>();
        Map<String, Trainer> trainers = new LinkedHashMap<>();
        try {
            for (var v : variants.entrySet()) {
                Network net = Network.create(v.getValue(), 121, imageSize);
                nets.put(v.getKey(), net);
                Trainer t = net.model().newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(new Nesterov(Tracker.fixed(0.001f), 0.9f, 5e-4f)));
                t.initialize(new Shape(batchSize, 1, imageSize, imageSize));
                trainers.put(v.getKey(), t);
                if (halfPrecision.contains(v.getKey())) {
                    net.setComputeType(ai.djl.ndarray.types.DataType.FLOAT16);
                } else {
                    TrainStep.run(t, data.get(0)); // warm-up: allocation and kernel choice
                }
                net.probabilities(data.get(0).pixels(), batchSize);
                train.put(v.getKey(), new double[rounds]);
                infer.put(v.getKey(), new double[rounds]);
            }
            long images = (long) batches * batchSize;
            for (int r = 0; r < rounds; r++) {
                StringBuilder line = new StringBuilder("round " + (r + 1) + "/" + rounds + ":");
                for (String name : variants.keySet()) {
                    long s = System.nanoTime();
                    if (!halfPrecision.contains(name)) {
                        data.forEach(b -> TrainStep.run(trainers.get(name), b));
                        train.get(name)[r] = images / ((System.nanoTime() - s) / 1e9);
                    }
                    s = System.nanoTime();
                    data.forEach(b -> nets.get(name).probabilities(b.pixels(), batchSize));
                    infer.get(name)[r] = images / ((System.nanoTime() - s) / 1e9);
                    line.append(String.format(" %s train %.0f infer %.0f;", name, train.get(name)[r], infer.get(name)[r]));
                }
                out.println(line.append(" img/s"));
            }
        } finally {
            trainers.values().forEach(Trainer::close);
            nets.values().forEach(Network::close);
        }
        Map<String, Rates> result = new LinkedHashMap<>();
        for (String name : variants.keySet()) {
            result.put(name, new Rates(ThroughputBenchmark.median(train.get(name)),
                    ThroughputBenchmark.median(infer.get(name))));
        }
        return result;
    }
}
