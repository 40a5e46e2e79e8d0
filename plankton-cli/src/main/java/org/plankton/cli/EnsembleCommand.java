package org.plankton.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.EnsembleLayout;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.Datasets;
import org.plankton.core.data.LabelledDataset;
import org.plankton.core.data.TrainingSplit;
import org.plankton.nn.infer.EnsembleBuilder;
import org.plankton.nn.train.DecodedImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plankton ensemble --models M1 M2 ... --data DIR --out ENSEMBLE}. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = "Blend models with weights fitted to minimise validation log loss; the result is used like a model.")
final class EnsembleCommand implements Callable<Integer> {

    @Option(names = "--models", required = true, arity = "2..*", description = "Member model bundles.")
    List<Path> models;

    @Option(names = "--data", required = true, description = "Labelled folder or path,label CSV.")
    Path data;

    @Option(names = "--out", required = true, description = "Ensemble folder to write (members are copied in, but --link ones).")
    Path out;

    @Option(names = "--link", arity = "1..*", description = "Members (of --models) to reference in place instead of "
            + "copying, by a relative path pinned by their weights' and calibration's checksums: for a bundle shipped beside "
            + "the ensemble anyway. The ensemble is then only valid beside it; `convert` writes a self-contained copy.")
    List<Path> link = List.of();

    @Option(names = "--no-onnx", description = "Write no one-graph model.onnx (the onnx engine runs each member; "
            + "export-onnx writes the file on demand).")
    boolean noOnnx;

    @Option(names = "--split", description = "validation (default: the members' shared held-out images, recreated "
            + "from their provenance) or all (every image under --data: only data no member was trained on).")
    String split = "validation";

    @Override
    public Integer call() throws Exception {
        ModelBundle first = BundleReader.read(models.get(0));
        if (!split.equals("all")) {
            for (Path m : models.subList(1, models.size())) {
                ModelBundle b = BundleReader.read(m);
                String key = b.trainingProvenance().split().differenceFrom(first.trainingProvenance().split());
                if (key != null) {
                    throw new IllegalArgumentException("members were trained on different data or splits (" + key
                            + " of " + m + " differs from " + models.get(0) + "); use --split all with held-out data");
                }
            }
        }
        LabelledDataset dataset = split.equals("all") ? Datasets.read(data, first.classes())
                : TrainingSplit.part(first, data, split);
        DecodedImages d = DecodedImages.decodeForScoring(dataset.samples(), System.err);
        java.util.Set<Integer> linked = new java.util.HashSet<>();
        for (Path l : link) {
            int i = models.stream().map(m -> m.toAbsolutePath().normalize()).toList().indexOf(l.toAbsolutePath().normalize());
            if (i < 0) {
                throw new IllegalArgumentException("--link " + l + " is not one of --models");
            }
            linked.add(i);
        }
        EnsembleBuilder r = EnsembleBuilder.build(models, d.images(), d.labels(), out,
                EnsembleLayout.of(models).withOnnx(!noOnnx).withLinked(linked));
        for (int k = 0; k < models.size(); k++) {
            System.out.printf(Locale.ROOT, "member %s: weight %.3f, log loss %.4f, accuracy %.4f%n", models.get(k),
                    r.weights()[k], r.members().get(k).logLoss(), r.members().get(k).accuracy());
        }
        System.out.printf(Locale.ROOT, "ensemble %s: log loss %.4f, accuracy %.4f on %d images (weights fitted on them)%n",
                out, r.blend().logLoss(), r.blend().accuracy(), r.blend().images());
        System.out.printf(Locale.ROOT, "  held-out estimate (2-fold cross-fitted weights): log loss %.4f, accuracy %.4f;"
                + " equal weights: log loss %.4f, accuracy %.4f%n", r.crossFitted().logLoss(), r.crossFitted().accuracy(),
                r.uniform().logLoss(), r.uniform().accuracy());
        return PlanktonCli.EXIT_OK;
    }
}
