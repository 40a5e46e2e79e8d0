package org.plankton.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.plankton.core.bundle.DefaultModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.plankton.core.data.ImageFiles;
import org.plankton.core.data.ImageListing;
import org.plankton.core.data.SkippedFile;
import org.plankton.core.output.AbundanceTable;
import org.plankton.core.output.ProbabilityCsvWriter;
import org.plankton.core.progress.ProgressBar;
import org.plankton.core.taxonomy.GroupLevel;
import org.plankton.core.taxonomy.Taxonomy;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.ResultSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plankton classify --model MODEL --out FILE.csv PATH...}. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Write every class probability of each image to a CSV (image,<class 1>,...,<class N>).")
final class ClassifyCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model bundle folder (default: the bundled model, models/" + DefaultModel.NAME + ").")
    Path model;

    @Option(names = "--out", required = true, description = "CSV to write; unreadable files and files that are not "
            + "images go to <out>.errors.csv with the reason.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Image files and folders (searched recursively).")
    List<Path> paths;

    @Option(names = "--counts", description = "Also write per-sample abundances here: sample,images,class,count "
            + "(images whose top class it is),expected_count (sum of its probabilities),adjusted_count (the sample's class "
            + "mix re-estimated by EM for a mix unlike the training data's, times its images).")
    Path counts;

    @Option(names = "--sample-level", description = "With --counts: the sample is the folder this many levels above "
            + "each image (default: ${DEFAULT-VALUE}, the folder holding it).")
    int sampleLevel = 1;

    @Option(names = "--level", description = "With --counts: class (default) or group: counts per top-level group of "
            + "the model's taxonomy (its taxonomy.csv, else derived from the class names; see README), each image's "
            + "group probabilities being the sums of its classes'.")
    String level = "class";

    @Mixin
    InferenceOptions inference = new InferenceOptions();

    @Override
    public Integer call() throws Exception {
        Path model = DefaultModel.resolve(this.model);
        Path errors = out.resolveSibling(out.getFileName() + ".errors.csv");
        List<Path> outputs = new ArrayList<>(List.of(out, errors));
        if (counts != null) {
            outputs.add(counts);
        }
        ImageListing listing = ImageFiles.list(paths, outputs);
        List<Path> files = listing.images();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no image files found under " + paths + " (" + listing.counts().describe()
                    + (listing.skipped().isEmpty() ? "" : "; first: " + listing.skipped().get(0)) + ")");
        }
        String summary;
        try (Classifier classifier = Classifier.load(model, inference.engine());
             ProbabilityCsvWriter csv = ProbabilityCsvWriter.open(out, errors, classifier.classes());
             ProgressBar bar = new ProgressBar("classify", files.size(), System.err)) {
            inference.applyTo(classifier);
            // hidden files and our own outputs are skipped on purpose: counted below, not errors
            for (SkippedFile s : listing.skipped()) {
                if (s.kind() == SkippedFile.Kind.NOT_IMAGE || s.kind() == SkippedFile.Kind.UNREADABLE) {
                    csv.error(s.path().toString(), s.reason());
                }
            }
            long[] undecodable = {0};
            GroupLevel groups = groupLevel(classifier);
            AbundanceTable abundance = counts == null ? null : groups == null
                    ? new AbundanceTable(classifier.classes(), sampleLevel, classifier.classPriors())
                    : new AbundanceTable(groups.groups(), sampleLevel,
                            classifier.classPriors() == null ? null : groups.project(classifier.classPriors()));
            if (abundance != null && !abundance.adjusts()) {
                System.err.println("note: " + classifier.directory() + " does not record its training class mix "
                        + "(calibration.json class_priors; `plankton calibrate` adds it): adjusted_count left empty");
            }
            classifier.classifyFiles(files, new ResultSink() {
                @Override
                public void result(Path file, float[] probabilities) throws IOException {
                    csv.row(file.toString(), probabilities);
                    if (abundance != null) {
                        abundance.add(file, groups == null ? probabilities : groups.project(probabilities));
                    }
                }

                @Override
                public void failure(Path file, String reason) throws IOException {
                    csv.error(file.toString(), reason);
                    undecodable[0]++;
                }
            }, done -> {
                flush(csv);
                bar.step(done);
            });
            csv.commit();
            if (abundance != null) {
                abundance.write(counts);
                System.err.printf("abundances of %d sample(s) in %s%n", abundance.samples(), counts);
            }
            summary = String.format("%d classified, %s; results written into %s%s", csv.rows(),
                    listing.counts().plusUnreadable(undecodable[0]).describe(), out,
                    csv.failures() == 0 ? "" : "; errors listed in " + errors);
        }
        System.err.println(summary); // after the progress bar's last line: the one line to read
        return PlanktonCli.EXIT_OK;
    }

    /** null: counts per class. */
    private GroupLevel groupLevel(Classifier classifier) throws IOException {
        return switch (level) {
            case "class" -> null;
            case "group" -> Taxonomy.forBundle(classifier.directory(), classifier.classes()).topLevel();
            default -> throw new IllegalArgumentException("unknown --level '" + level + "' (known: class, group)");
        };
    }

    private static void flush(ProbabilityCsvWriter csv) {
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
