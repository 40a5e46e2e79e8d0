package org.plankton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.bench.ThroughputBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plankton benchmark --data DIR}: throughput of the network alone versus the whole pipeline. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure training and inference throughput: network alone vs. the pipeline from image files.")
final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "Labelled folder (one subfolder per class) or CSV manifest.")
    Path data;

    @Option(names = "--images", description = "Images to use (default: ${DEFAULT-VALUE}).")
    int images = 2048;

    @Option(names = "--image-size", description = "Input side in pixels (default: ${DEFAULT-VALUE}).")
    int imageSize = 64;

    @Option(names = "--batch-size", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--rounds", description = "Interleaved rounds; medians are reported (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--arch", description = "default or tiny (default: ${DEFAULT-VALUE}).")
    String arch = "default";

    @Override
    public Integer call() throws Exception {
        ArchitectureConfig a = arch.equals("tiny") ? ArchitectureConfig.tiny() : ArchitectureConfig.defaults();
        ThroughputBenchmark.Result r = ThroughputBenchmark.run(data, images, imageSize, batchSize, rounds, a, System.err);
        System.out.println(new ObjectMapper().writeValueAsString(r.toMap()));
        return PlanktonCli.EXIT_OK;
    }
}
