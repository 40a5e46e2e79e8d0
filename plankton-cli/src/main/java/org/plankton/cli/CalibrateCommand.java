package org.plankton.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.Datasets;
import org.plankton.core.data.LabelledDataset;
import org.plankton.core.data.Sample;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.nn.infer.ModelCalibration;
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

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = BundleReader.read(model);
        LabelledDataset dataset = split.equals("all") ? Datasets.read(data, bundle.classes())
                : TrainingSplit.part(bundle, data, split);
        ImageDecoder decoder = new ImageDecoder();
        List<GrayImage> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Sample s : dataset.samples()) {
            try {
                images.add(decoder.decode(s.path()));
                labels.add(s.label());
            } catch (ImageDecodeException e) {
                System.err.println("unreadable, left out: " + e.getMessage());
            }
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no readable labelled images to calibrate on");
        }
        ModelCalibration c = ModelCalibration.fit(model, images, labels.stream().mapToInt(Integer::intValue).toArray());
        System.out.println("calibrated " + model + ": " + c.describe());
        return PlanktonCli.EXIT_OK;
    }
}
