package org.plankton.nn.torch;

import ai.djl.engine.Engine;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.core.weights.Safetensors;
import org.plankton.nn.infer.DjlWeights;
import org.plankton.nn.infer.Network;
import org.plankton.nn.train.Batch;
import org.plankton.nn.train.Nesterov;
import org.plankton.nn.train.TrainStep;

/**
 * The DJL side of the engine-equivalence tests, run in a child JVM because DJL's libtorch and
 * JavaCPP's cannot share one (see {@link TorchRuntime}). For each case folder under the argument:
 * reads {@code case.json} ({@code architecture}, {@code numClasses}, {@code imageSize}, and either
 * {@code weights}, a DJL {@code .params} file, or {@code safetensors}, weights written by the JavaCPP
 * engine, or {@code trainSteps}: a fresh network trained that
 * many steps on the input so that its weights and batch-norm statistics are not the initial ones)
 * and {@code input.bin}; writes {@code djl.params} (the weights used), {@code probs.bin}
 * (inference-mode probabilities) and {@code names.txt} (parameter names and shapes in DJL's order).
 */
public final class DjlReference {

    private DjlReference() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        try (var cases = Files.list(Path.of(args[0]))) {
            for (Path dir : cases.sorted().toList()) {
                Map<String, Object> c = (Map<String, Object>) TestData.readJson(dir.resolve("case.json"));
                ArchitectureConfig arch = ArchitectureConfig.fromMap((Map<String, Object>) c.get("architecture"));
                int classes = ((Number) c.get("numClasses")).intValue();
                int size = ((Number) c.get("imageSize")).intValue();
                float[] input = TestData.readFloats(dir.resolve("input.bin"));
                Engine.getInstance().setRandomSeed(11);
                try (Network net = c.get("weights") != null
                        ? Network.load(arch, classes, size, Path.of((String) c.get("weights")))
                        : Network.create(arch, classes, size)) {
                    if (c.get("safetensors") != null) {
                        DjlWeights.load(net, Safetensors.read(Path.of((String) c.get("safetensors"))).tensors());
                    }
                    int n = input.length / net.layout().length();
                    int steps = ((Number) c.getOrDefault("trainSteps", 0)).intValue();
                    if (steps > 0) {
                        train(net, input, n, classes, size, steps);
                    }
                    net.saveWeights(dir.resolve("djl.params"));
                    float[][] p = net.probabilities(input, n);
                    float[] flat = new float[n * classes];
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(p[i], 0, flat, i * classes, classes);
                    }
                    TestData.writeFloats(dir.resolve("probs.bin"), flat);
                    List<String> names = new ArrayList<>();
                    net.block().getParameters().forEach(e -> names.add(e.getKey() + " " + e.getValue().getArray().getShape()));
                    Files.write(dir.resolve("names.txt"), names);
                }
            }
        }
    }

    private static void train(Network net, float[] input, int n, int classes, int size, int steps) {
        try (Trainer trainer = net.model().newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(new Nesterov(Tracker.fixed(0.05f), 0.9f, 0f)))) {
            trainer.initialize(net.layout().shape(n));
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % classes;
            }
            for (int s = 0; s < steps; s++) {
                TrainStep.run(trainer, new Batch(input, labels, n, size));
            }
        }
    }
}
