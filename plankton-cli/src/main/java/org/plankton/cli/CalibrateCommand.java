package org.plankton.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.Datasets;
import org.plankton.core.data.LabelledDataset;
import org.plankton.core.data.TrainingSplit;
import org.plankton.nn.infer.ModelCalibration;
import org.plankton.nn.train.DecodedImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plankton calibrate --model MODEL --data DIR}: fit temperature scaling on held-out images. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit temperature scaling on labelled held-out images and save it in the model (train does this itself).")
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model bundle folder (updated in place).")
    Path model;

    @Option(names = "--data", required = true, description = "Labelled folder or path,label CSV.")
    Path data;

    @Option(names = "--split", description = "validation (default: the model's own held-out images, recreated from "
            + "its provenance) or all (every image under --data: use only data the model never saw).")
    String split = "validation";

    @Option(names = "--tta", description = "Fit the temperature for predictions averaged over N test-time views "
            + "(stored next to the plain one and used whenever classify/evaluate use the same --tta setting; "
            + "default: ${DEFAULT-VALUE} = plain predictions).")
    int tta = 1;

    @Option(names = "--tta-geometric", description = "With --tta: for the geometric mean of the views.")
    boolean ttaGeometric;

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = BundleReader.read(model);
        LabelledDataset dataset = split.equals("all") ? Datasets.read(data, bundle.classes())
                : TrainingSplit.part(bundle, data, split);
        DecodedImages d = DecodedImages.decodeForScoring(dataset.samples(), System.err);
        // The training mix, for abundance estimates: from the training split itself when it can be
        // recreated (not with --split all, whose data is another set).
        double[] priors = null;
        if (!split.equals("all") && !EnsembleBundle.isEnsemble(model)) {
            int[] trainLabels = TrainingSplit.part(bundle, data, "train").samples().stream()
                    .mapToInt(org.plankton.core.data.Sample::label).toArray();
            priors = ModelCalibration.proportions(trainLabels, bundle.classes().size());
        }
        ModelCalibration c = ModelCalibration.fit(model, d.images(), d.labels(), tta, ttaGeometric, priors);
        System.out.println("calibrated " + model + (tta > 1 ? " for TTA " + tta + (ttaGeometric ? " (geometric)" : "")
                : "") + ": " + c.describe());
        return PlanktonCli.EXIT_OK;
    }
}
