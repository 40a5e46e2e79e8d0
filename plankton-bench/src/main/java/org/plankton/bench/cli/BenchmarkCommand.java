package org.plankton.bench.cli;

import org.plankton.cli.PlanktonCli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.bench.NetworkBenchmark;
import org.plankton.bench.ThroughputBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code plankton benchmark --data DIR}: throughput of the network alone versus the whole pipeline.
 * {@code plankton benchmark --network-only --precision fp32|bf16}: the network alone on synthetic
 * batches (bf16 = autocast); one precision per process, {@code bench/engine-compare.sh} alternates them.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure training and inference throughput: network alone vs. the pipeline from image files.")
final class BenchmarkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", description = "Labelled folder (one subfolder per class) or CSV manifest (not with --network-only).")
    Path data;

    @Option(names = "--images", description = "Images to use (default: ${DEFAULT-VALUE}).")
    int images = 2048;

    @Option(names = "--image-size", description = "Input side in pixels (default: ${DEFAULT-VALUE}; a bundle's own with --arch DIR).")
    Integer imageSize;

    @Option(names = "--batch-size", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--rounds", description = "Interleaved rounds; medians are reported (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--arch", description = "A network preset (default, tiny, deep, wide, resnet), or a model bundle folder (its architecture and class count; "
            + "network-only) (default: ${DEFAULT-VALUE}).")
    String arch = "default";

    @Option(names = "--network-only", description = "Only the network, on synthetic batches: no --data needed.")
    boolean networkOnly;

    @Option(names = "--precision", description = "With --network-only: fp32 or bf16 (autocast mixed precision) "
            + "(default: ${DEFAULT-VALUE}).")
    String precision = "fp32";

    @Option(names = "--batches", description = "With --network-only: batches per round (default: ${DEFAULT-VALUE}).")
    int batches = 8;

    @Override
    public Integer call() throws Exception {
        if (!networkOnly) {
            if (data == null) {
                throw new ParameterException(spec.commandLine(), "--data is required (or use --network-only)");
            }
            if (!precision.equals("fp32")) {
                throw new ParameterException(spec.commandLine(), "--precision " + precision
                        + " needs --network-only (the pipeline benchmark runs in fp32)");
            }
            ArchitectureConfig a = ArchitectureConfig.preset(arch);
            int size = imageSize != null ? imageSize : 64;
            ThroughputBenchmark.Result r = ThroughputBenchmark.run(data, images, size, batchSize, rounds, a, System.err);
            System.out.println(new ObjectMapper().writeValueAsString(r.toMap()));
            return PlanktonCli.EXIT_OK;
        }
        if (!NetworkBenchmark.PRECISIONS.contains(precision)) {
            throw new ParameterException(spec.commandLine(), "--precision must be one of "
                    + String.join(", ", NetworkBenchmark.PRECISIONS) + ", got '" + precision + "'");
        }
        ArchitectureConfig a;
        int classes = 121;
        int size = imageSize != null ? imageSize : 64;
        if (ArchitectureConfig.PRESETS.contains(arch)) {
            a = ArchitectureConfig.preset(arch);
        } else if (Files.isDirectory(Path.of(arch))) {
            ModelBundle bundle = BundleReader.read(Path.of(arch));
            a = ArchitectureConfig.fromMap(bundle.manifest().architecture());
            classes = bundle.manifest().numClasses();
            size = imageSize != null ? imageSize : bundle.manifest().preprocess().imageSize();
        } else {
            throw new ParameterException(spec.commandLine(), "--arch must be a preset (" + String.join(", ", ArchitectureConfig.PRESETS) + ") or a model bundle folder, got '"
                    + arch + "'");
        }
        NetworkBenchmark.Result r = NetworkBenchmark.run(a, classes, size, batchSize, batches, rounds, precision, System.err);
        System.out.println(new ObjectMapper().writeValueAsString(r.toMap()));
        return PlanktonCli.EXIT_OK;
    }
}
