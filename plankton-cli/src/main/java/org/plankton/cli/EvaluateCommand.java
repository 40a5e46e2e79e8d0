package org.plankton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.plankton.core.bundle.DefaultModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.plankton.core.data.LabelledDataset;
import org.plankton.core.data.SkipCounts;
import org.plankton.core.data.SkippedFile;
import org.plankton.core.data.TrainingSplit;
import org.plankton.core.metrics.Evaluation;
import org.plankton.core.output.LabelledPredictionsCsv;
import org.plankton.core.progress.ProgressBar;
import org.plankton.nn.infer.Classifier;
import org.plankton.core.data.Datasets;
import org.plankton.nn.infer.DatasetEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plankton evaluate --model MODEL --data DIR [--json]}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a model on labelled images: log loss, accuracy, top-5, per class, calibration.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model bundle folder (default: the bundled model, models/" + DefaultModel.NAME + ").")
    Path model;

    @Option(names = "--data", required = true,
            description = "Folder with one subfolder per class (names must be classes of the model), or a path,label CSV.")
    Path data;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--confusion", description = "Write the confusion matrix (CSV) here.")
    Path confusion;

    @Option(names = "--per-class", description = "Write per-class precision, recall, F1, support (CSV) here.")
    Path perClass;

    @Option(names = "--predictions", description = "Also write every scored image's probabilities here (CSV: "
            + "image,label,<one column per class>), for analyses of your own.")
    Path predictions;

    @Option(names = "--split", description = "all (default), or validation / train: only that part of the model's own "
            + "training split (same data, seed and fraction as recorded in the bundle).")
    String split = "all";

    @Mixin
    InferenceOptions inference = new InferenceOptions();

    @Override
    public Integer call() throws Exception {
        Path model = DefaultModel.resolve(this.model);
        try (Classifier classifier = Classifier.load(model, inference.engine(model))) {
            inference.applyTo(classifier);
            LabelledDataset dataset = split.equals("all") ? Datasets.read(data, classifier.classes())
                    : TrainingSplit.part(classifier.bundle(), data, split);
            report("skipped", dataset.skipped());
            DatasetEvaluation result;
            try (ProgressBar bar = new ProgressBar("evaluate", dataset.samples().size(), System.err);
                 LabelledPredictionsCsv rows = predictions == null ? null
                         : LabelledPredictionsCsv.open(predictions, classifier.classes())) {
                result = DatasetEvaluation.run(classifier, dataset, bar::step, rows == null ? null : rows::row);
                if (rows != null) {
                    rows.commit();
                }
            }
            report("unreadable", result.unreadable());
            Evaluation e = result.evaluation();
            SkipCounts skipped = SkipCounts.of(dataset.skipped()).plusUnreadable(result.unreadable().size());
            if (confusion != null) {
                e.writeConfusionCsv(confusion);
            }
            if (perClass != null) {
                e.writePerClassCsv(perClass);
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>(e.summary());
                // each entry of the data counted once: images + these four = everything looked at
                out.put("unreadable", skipped.unreadable());
                out.put("not_images", skipped.notImages());
                out.put("hidden_or_own_output", skipped.hiddenOrOwnOutput());
                out.put("skipped", skipped.unused());
                out.put("tta_views", classifier.views());
                out.put("model", model.toString());
                out.put("data", data.toString());
                System.out.println(new ObjectMapper().writeValueAsString(out));
            } else {
                System.out.printf("images:      %d (%s)%n", e.images(), skipped.describe());
                System.out.printf("log loss:    %.4f%n", e.logLoss());
                System.out.printf("accuracy:    %.4f%n", e.accuracy());
                System.out.printf("top-5:       %.4f%n", e.top5Accuracy());
                System.out.printf("ECE:         %.4f%n", e.expectedCalibrationError());
            }
        }
        return PlanktonCli.EXIT_OK;
    }

    private static void report(String what, List<SkippedFile> files) {
        if (files.isEmpty()) {
            return;
        }
        System.err.printf("%s: %d%n", what, files.size());
        files.stream().limit(20).forEach(f -> System.err.println("  " + f));
        if (files.size() > 20) {
            System.err.printf("  ... and %d more%n", files.size() - 20);
        }
    }
}
