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
import org.plankton.core.output.DetailsCsvWriter;
import org.plankton.core.output.ImageDetails;
import org.plankton.core.output.ProbabilityCsvWriter;
import org.plankton.core.progress.ProgressBar;
import org.plankton.core.resume.PartialRun;
import org.plankton.core.resume.ResumeRefused;
import org.plankton.core.resume.RunRecord;
import org.plankton.core.taxonomy.GroupLevel;
import org.plankton.core.taxonomy.Taxonomy;
import org.plankton.core.output.TrustColumns;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.InferenceSettings;
import org.plankton.nn.infer.ResultSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
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

    @Option(names = "--details", description = "Also write one row per image here: image,top_class,top_probability,"
            + "group,group_probability,prediction_set,ood_score,out_of_domain,accepted (group: taxonomic back-off at 0.8; "
            + "prediction set and accepted need conformal.json and plain calibrated probabilities; the out-of-domain "
            + "columns need domain.json; what a model lacks stays empty).")
    Path details;

    @Option(names = "--resume", description = "Continue an interrupted run from <out>.part: images already written "
            + "are skipped, and the CSV ends as an uninterrupted run's. Refused if the model or the inference settings "
            + "differ; without a .part file, starts from the beginning.")
    boolean resume;

    @Option(names = "--level", description = "With --counts: class (default) or group: counts per top-level group of "
            + "the model's taxonomy (its taxonomy.csv, else derived from the class names; see README), each image's "
            + "group probabilities being the sums of its classes'.")
    String level = "class";

    @Mixin
    InferenceOptions inference = new InferenceOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path model = DefaultModel.resolve(this.model);
        Path errors = out.resolveSibling(out.getFileName() + ".errors.csv");
        // the resume record is ours too: found under an input it must not become a "not an image" error
        List<Path> outputs = new ArrayList<>(List.of(out, errors, RunRecord.sidecarOf(ProbabilityCsvWriter.partOf(out))));
        if (counts != null) {
            outputs.add(counts);
        }
        if (details != null) {
            outputs.add(details);
        }
        ImageListing listing = ImageFiles.list(paths, outputs);
        List<Path> files = listing.images();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no image files found under " + paths + " (" + listing.counts().describe()
                    + (listing.skipped().isEmpty() ? "" : "; first: " + listing.skipped().get(0)) + ")");
        }
        String summary;
        List<String> warnings;
        if (resume && details != null) {
            // the details rows of the images already written are not kept in the .part record
            throw new ParameterException(spec.commandLine(), "--details cannot be combined with --resume yet: the "
                    + "interrupted run's details rows are not recoverable; rerun without --resume for a details file");
        }
        try (Classifier classifier = inference.load(model);
             PartialRun run = open(classifier, model, errors, files);
             DetailsCsvWriter detailsCsv = details == null ? null : DetailsCsvWriter.open(details);
             ProgressBar bar = new ProgressBar("classify", files.size(), System.err)) {
            ProbabilityCsvWriter csv = run.writer();
            DomainScoring domain = DomainScoring.attach(classifier, model, inference);
            TrustColumns trust = details == null ? null : trustColumns(classifier);
            // hidden files and our own outputs are skipped on purpose: counted below, not errors
            for (SkippedFile s : listing.skipped()) {
                if (s.kind() == SkippedFile.Kind.NOT_IMAGE || s.kind() == SkippedFile.Kind.UNREADABLE) {
                    csv.error(s.path().toString(), s.reason());
                }
            }
            long[] undecodable = {run.rewriteFailures()}; // after the listing's, as a fresh run orders them
            GroupLevel groups = groupLevel(classifier);
            AbundanceTable abundance = counts == null ? null : groups == null
                    ? new AbundanceTable(classifier.classes(), sampleLevel, classifier.classPriors())
                    : new AbundanceTable(groups.groups(), sampleLevel,
                            classifier.classPriors() == null ? null : groups.project(classifier.classPriors()));
            if (abundance != null && !abundance.adjusts()) {
                System.err.println("note: " + classifier.directory() + " does not record its training class mix "
                        + "(calibration.json class_priors; `plankton calibrate` adds it): adjusted_count left empty");
            }
            if (abundance != null) {
                // counts cover the kept rows too: read back, exactly as written
                run.replay((file, p) -> abundance.add(file, groups == null ? p : groups.project(p)));
            }
            bar.resumeAt(run.done());
            classifier.classifyFiles(files.subList(run.done(), files.size()), new ResultSink() {
                @Override
                public void result(Path file, float[] probabilities) throws IOException {
                    result(file, probabilities, Double.NaN);
                }

                @Override
                public void result(Path file, float[] probabilities, double oodScore) throws IOException {
                    csv.row(file.toString(), probabilities);
                    if (abundance != null) {
                        abundance.add(file, groups == null ? probabilities : groups.project(probabilities));
                    }
                    Boolean flagged = domain.add(file, oodScore);
                    if (detailsCsv != null) {
                        detailsCsv.row(ImageDetails.of(file.toString(), classifier.classes(), probabilities, oodScore,
                                flagged).withTrust(trust, probabilities));
                    }
                }

                @Override
                public void failure(Path file, String reason) throws IOException {
                    csv.error(file.toString(), reason);
                    undecodable[0]++;
                }
            }, done -> {
                flush(csv, detailsCsv);
                bar.step(done);
            });
            csv.commit();
            if (detailsCsv != null) {
                detailsCsv.commit();
            }
            warnings = domain.warnings();
            if (abundance != null) {
                abundance.write(counts);
                System.err.printf("abundances of %d sample(s) in %s%n", abundance.samples(), counts);
            }
            summary = String.format("%d classified, %s; results written into %s%s", csv.rows(),
                    listing.counts().plusUnreadable(undecodable[0]).describe(), out,
                    csv.failures() == 0 ? "" : "; errors listed in " + errors);
        }
        warnings.forEach(System.err::println); // after the progress bar, before the summary line
        System.err.println(summary); // after the progress bar's last line: the one line to read
        return PlanktonCli.EXIT_OK;
    }

    /** The output, fresh or resumed; refusals are usage errors. */
    private PartialRun open(Classifier classifier, Path model, Path errors, List<Path> files) throws IOException {
        try {
            return PartialRun.open(out, errors, classifier.classes(), ClassifyRecord.of(model, classifier, inference, paths),
                    resume, files, classifier.filesPerChunk(), System.err);
        } catch (ResumeRefused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Back-off on the model's taxonomy, and its prediction sets only where they hold: the model's own
     * sets (an ensemble's are fitted on its blend, never a member's), on plain calibrated probabilities
     * (the sets were fitted on those, not on TTA means or uncalibrated ones).
     */
    private TrustColumns trustColumns(Classifier classifier) throws IOException {
        InferenceSettings s = classifier.settings();
        boolean setsHold = s.ttaViews() == 1 && s.calibrated();
        return setsHold ? TrustColumns.forModel(classifier.directory(), classifier.classes(), TrustColumns.DEFAULT_THRESHOLD)
                : TrustColumns.withoutSets(classifier.directory(), classifier.classes(), TrustColumns.DEFAULT_THRESHOLD);
    }

    /** null: counts per class. */
    private GroupLevel groupLevel(Classifier classifier) throws IOException {
        return switch (level) {
            case "class" -> null;
            case "group" -> Taxonomy.forBundle(classifier.directory(), classifier.classes()).topLevel();
            default -> throw new IllegalArgumentException("unknown --level '" + level + "' (known: class, group)");
        };
    }

    private static void flush(ProbabilityCsvWriter csv, DetailsCsvWriter details) {
        try {
            csv.flush();
            if (details != null) {
                details.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
