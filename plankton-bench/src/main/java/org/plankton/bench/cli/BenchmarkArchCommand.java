package org.plankton.bench.cli;

import org.plankton.cli.PlanktonCli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.bench.ArchitectureBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plankton benchmark-arch}: what the recipe's network ingredients cost in img/s, side by side. */
@Command(name = "benchmark-arch", mixinStandardHelpOptions = true,
        description = "Training and inference img/s of network variants (random data, interleaved rounds, medians).")
final class BenchmarkArchCommand implements java.util.concurrent.Callable<Integer> {

    static final List<String> KNOWN = List.of("plain", "cyclic", "roll", "maxout", "no-bn", "orthogonal", "residual",
            "bf16");

    @Option(names = "--variants", split = ",", description = "Comma-separated, from " + "plain, cyclic (cyclic slice x4 + RMS pooling), "
            + "roll (cyclic + roll layers), maxout (2 pieces), no-bn, orthogonal, residual, bf16 (plain, "
            + "trained and run in bf16 autocast; the others in fp32) (default: ${DEFAULT-VALUE}).")
    List<String> variants = List.of("plain", "cyclic", "roll");

    @Option(names = "--image-size", description = "Input side; 31, 47, 63 or 95 allow rotations (default: ${DEFAULT-VALUE}).")
    int imageSize = 63;

    @Option(names = "--batch-size", description = "Images per batch (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--batches", description = "Batches per round (default: ${DEFAULT-VALUE}).")
    int batches = 8;

    @Option(names = "--rounds", description = "Interleaved rounds (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--arch", description = "Preset the variants start from: default, tiny, deep, wide or resnet (default: ${DEFAULT-VALUE}).")
    String arch = "default";

    @Override
    public Integer call() throws Exception {
        ArchitectureConfig base = ArchitectureConfig.preset(arch);
        Map<String, ArchitectureConfig> configs = new LinkedHashMap<>();
        for (String v : variants) {
            configs.put(v, switch (v) {
                case "plain" -> base;
                case "cyclic" -> base.withRotations(4, false);
                case "roll" -> base.withRotations(4, true);
                case "maxout" -> base.withMaxout(2);
                case "no-bn" -> base.withBatchNorm(false);
                case "orthogonal" -> base.withInit("orthogonal");
                case "residual" -> base.withResidual(true);
                case "bf16" -> base;
                default -> throw new IllegalArgumentException("unknown variant '" + v + "' (known: " + KNOWN + ")");
            });
        }
        var rates = ArchitectureBenchmark.run(configs, java.util.Set.of("bf16"),
                imageSize, batchSize, batches, rounds, System.err);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image_size", imageSize);
        out.put("batch_size", batchSize);
        out.put("images_per_round", batches * batchSize);
        out.put("rounds", rounds);
        out.put("median_img_per_s", rates);
        System.out.println(new ObjectMapper().writeValueAsString(out));
        return PlanktonCli.EXIT_OK;
    }
}
