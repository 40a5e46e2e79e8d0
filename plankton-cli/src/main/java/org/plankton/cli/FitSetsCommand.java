package org.plankton.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.DefaultModel;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.conformal.ConformalSets;
import org.plankton.core.conformal.LabelledProbabilities;
import org.plankton.core.conformal.PredictionSets;
import org.plankton.core.data.ClassList;
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

    @Option(names = "--model", description = "Model bundle or ensemble folder (default: the bundled model, models/"
            + DefaultModel.NAME + "); an ensemble's sets are fitted on its blended probabilities.")
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
        if ((data == null) == (predictions == null)) {
            throw new IllegalArgumentException("give exactly one of --data and --predictions");
        }
        ClassList classes = EnsembleBundle.isEnsemble(dir) ? EnsembleBundle.read(dir).classes() : BundleReader.read(dir).classes();
        LabelledProbabilities d = predictions != null ? LabelledProbabilities.read(predictions, classes)
                : classifyValidation(dir, splitOwner(dir));
        int k = classes.size();
        PredictionSets fitted = new PredictionSets(classes,
                ConformalSets.fit(d.probabilities(), d.labels(), k, coverage, ConformalSets.MIN_CLASS_IMAGES),
                RejectThresholds.fit(d.probabilities(), d.labels(), k), d.size());
        if (report) {
            TrustReport.print(d, classes, Taxonomy.forBundle(dir, classes), coverage, System.out);
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

    /**
     * The bundle whose provenance recreates the validation split: the model's, or an ensemble's first
     * member's when every member held out the same images (as {@code ensemble} checks by default). An
     * ensemble of members trained on different splits has no validation images that none of them saw.
     */
    private static ModelBundle splitOwner(Path dir) throws BundleException {
        if (!EnsembleBundle.isEnsemble(dir)) {
            return BundleReader.read(dir);
        }
        List<Path> members = EnsembleBundle.read(dir).members();
        ModelBundle first = BundleReader.read(members.get(0));
        for (Path m : members.subList(1, members.size())) {
            String key = BundleReader.read(m).trainingProvenance().split().differenceFrom(first.trainingProvenance().split());
            if (key != null) {
                throw new IllegalArgumentException("the members of " + dir + " were trained on different data or splits ("
                        + key + " of " + m + " differs from " + members.get(0) + "), so no validation split is held out "
                        + "from all of them: use --predictions with the ensemble's predictions on images none of them saw");
            }
        }
        return first;
    }

    private LabelledProbabilities classifyValidation(Path dir, ModelBundle bundle) throws Exception {
        List<float[]> p = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (Classifier classifier = inference.load(dir)) {
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
