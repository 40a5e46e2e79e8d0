package org.plankton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.DefaultModel;
import org.plankton.core.data.ImageFiles;
import org.plankton.core.domain.DomainModel;
import org.plankton.core.domain.DomainTally;
import org.plankton.core.output.AbundanceTable;
import org.plankton.core.progress.ProgressBar;
import org.plankton.nn.domain.DomainModels;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.ResultSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plankton domain-check [--model M] [--json] PATH...}: are these images like the model's training data? */
@Command(name = "domain-check", mixinStandardHelpOptions = true,
        description = "Say, per sample folder and in total, what fraction of the images the model's out-of-domain "
                + "detector flags, with a verdict: in-domain (under 10%% flagged), mixed, out-of-domain (over 50%%).")
final class DomainCheckCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model bundle with a domain model (default: models/" + DefaultModel.NAME + ").")
    Path model;

    @Option(names = "--json", description = "Also print the report as one JSON object, as the last line.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Image files and folders (searched recursively); "
            + "the sample of an image is the folder holding it.")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        Path dir = DefaultModel.resolve(model);
        DomainModel domain = DomainModels.require(dir);
        List<Path> files = ImageFiles.list(paths, List.of()).images();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no image files found under " + paths);
        }
        DomainTally tally = new DomainTally();
        long[] unreadable = {0};
        try (Classifier classifier = Classifier.load(dir);
             ProgressBar bar = new ProgressBar("domain-check", files.size(), System.err)) {
            classifier.setDomainModel(domain);
            classifier.classifyFiles(files, new ResultSink() {
                @Override
                public void result(Path file, float[] probabilities) {
                    throw new IllegalStateException("scores expected");
                }

                @Override
                public void result(Path file, float[] probabilities, double score) {
                    tally.add(AbundanceTable.sampleOf(file, 1), domain.flags(score));
                }

                @Override
                public void failure(Path file, String reason) {
                    unreadable[0]++;
                }
            }, bar::step);
        }
        DomainTally.Report r = tally.report();
        for (DomainTally.Share s : r.samples()) {
            System.out.printf(Locale.ROOT, "%-40s %6d images, %5.1f%% out-of-domain: %s%n", s.sample(), s.images(),
                    100 * s.outOfDomainFraction(), s.verdict());
        }
        System.out.printf(Locale.ROOT, "total: %d images%s, %.1f%% out-of-domain: %s%n", r.images(),
                unreadable[0] == 0 ? "" : " (" + unreadable[0] + " unreadable, not counted)", 100 * r.outOfDomainFraction(),
                r.verdict());
        System.out.println("advice: " + r.advice());
        if (json) {
            System.out.println(jsonLine(r));
        }
        return PlanktonCli.EXIT_OK;
    }

    static String jsonLine(DomainTally.Report r) throws IOException {
        ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return mapper.writeValueAsString(r);
    }
}
