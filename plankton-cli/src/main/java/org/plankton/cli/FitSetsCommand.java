package org.plankton.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.DefaultModel;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.conformal.ConformalSets;
import org.plankton.core.conformal.LabelledProbabilities;
import org.plankton.core.conformal.PredictionSets;
import org.plankton.core.conformal.RejectThresholds;
import org.plankton.core.data.LabelledDataset;
import org.plankton.core.data.TrainingSplit;
import org.plankton.core.progress.ProgressBar;
import org.plankton.core.taxonomy.Taxonomy;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.DatasetEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plankton fit-sets [--model M] --data DIR [--coverage 0.9]}: conformal sets and reject thresholds. */
@Command(name = "fit-sets", mixinStandardHelpOptions = true,
        description = "Fit conformal prediction sets and per-class reject thresholds on the model's validation images "
                + "and store them in the model (conformal.json); --report prints cross-fitted coverage and reject figures.")
final class FitSetsCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model bundle folder (default: the bundled model, models/" + DefaultModel.NAME + ").")
    Path model;

    @Option(names = "--data", description = "The model's training data: its validation split is recreated from the "
            + "bundle's provenance and classified (calibrated, no TTA).")
    Path data;

    @Option(names = "--predictions", description = "Instead of --data: a CSV of `evaluate --split validation "
            + "--predictions` for this model (no images classified again).")
    Path predictions;

    @Option(names = "--coverage", description = "Share of images whose set holds the true class (default: ${DEFAULT-VALUE}).")
    double coverage = 0.9;

    @Option(names = "--report", description = "Print cross-fitted figures (2-fold: fit on one half, measure on the other).")
    boolean report;

    @Option(names = "--curve", description = "With --report: write the risk-coverage curve (PNG) here.")
    Path curve;

    @Option(names = "--dry-run", description = "Do not write conformal.json.")
    boolean dryRun;

    @Mixin
    InferenceOptions inference = new InferenceOptions();

    @Override
    public Integer call() throws Exception {
        Path dir = DefaultModel.resolve(this.model);
        ModelBundle bundle = BundleReader.read(dir);
        if ((data == null) == (predictions == null)) {
            throw new IllegalArgumentException("give exactly one of --data and --predictions");
        }
        LabelledProbabilities d = predictions != null ? LabelledProbabilities.read(predictions, bundle.classes())
                : classifyValidation(dir, bundle);
        int k = bundle.classes().size();
        PredictionSets fitted = new PredictionSets(bundle.classes(),
                ConformalSets.fit(d.probabilities(), d.labels(), k, coverage, ConformalSets.MIN_CLASS_IMAGES),
                RejectThresholds.fit(d.probabilities(), d.labels(), k), d.size());
        if (report) {
            TrustReport.print(d, bundle.classes(), Taxonomy.forBundle(dir, bundle.classes()), coverage, System.out);
            if (curve != null) {
                RiskCoveragePlot.write(d, curve);
                System.out.println("risk-coverage curve: " + curve);
            }
        }
        if (!dryRun) {
            // One optional file that no checksum and no ONNX graph covers: an atomic replace of it alone
            // keeps the bundle whole at every moment (BundleWriter.rewrite would also export model.onnx
            // into bundles that have none, 7 MB for ndsb-v4).
            fitted.writeTo(dir);
            System.out.printf("%s: sets for %.0f%% coverage from %d validation images (%d classes with thresholds "
                    + "of their own), reject thresholds for %d classes%n", dir.resolve(PredictionSets.FILE),
                    100 * coverage, d.size(), count(fitted.sets().classThreshold()), count(fitted.reject().classThreshold()));
        }
        return PlanktonCli.EXIT_OK;
    }

    private static long count(double[] t) {
        return java.util.Arrays.stream(t).filter(v -> !Double.isNaN(v)).count();
    }

    private LabelledProbabilities classifyValidation(Path dir, ModelBundle bundle) throws Exception {
        List<float[]> p = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (Classifier classifier = Classifier.load(dir, inference.engine(dir))) {
            inference.applyTo(classifier);
            LabelledDataset dataset = TrainingSplit.part(bundle, data, "validation");
            try (ProgressBar bar = new ProgressBar("fit-sets", dataset.samples().size(), System.err)) {
                DatasetEvaluation.run(classifier, dataset, bar::step, (file, label, probs) -> {
                    p.add(probs.clone());
                    labels.add(label);
                });
            }
        }
        return new LabelledProbabilities(p, labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
