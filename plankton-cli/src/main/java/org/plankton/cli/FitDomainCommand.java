package org.plankton.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.DefaultModel;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.TrainingSplit;
import org.plankton.nn.domain.DomainFitting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plankton fit-domain [--model M] --data DIR}: add an out-of-domain model to an existing bundle. */
@Command(name = "fit-domain", mixinStandardHelpOptions = true,
        description = "Fit the model's out-of-domain detector (domain.json: Gaussians over its penultimate features) "
                + "on its own training split and calibrate its threshold so that 95%% of its validation images pass "
                + "(train does this itself).")
final class FitDomainCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model bundle folder, updated in place (default: the bundled model, models/"
            + DefaultModel.NAME + ").")
    Path model;

    @Option(names = "--data", required = true, description = "The model's training data (its split is recreated from "
            + "its provenance; refused if the data differ).")
    Path data;

    @Option(names = "--rank", description = "Principal directions of the shared covariance kept (default: "
            + "${DEFAULT-VALUE}; the rest is one residual variance).")
    int rank = DomainFitting.DEFAULT_RANK;

    @Override
    public Integer call() throws Exception {
        Path dir = DefaultModel.resolve(model);
        ModelBundle bundle = BundleReader.read(dir);
        var train = TrainingSplit.part(bundle, data, "train").samples();
        var validation = TrainingSplit.part(bundle, data, "validation").samples();
        DomainFitting f = DomainFitting.fitAndWrite(dir, train, validation, rank, System.err);
        System.out.println("fitted " + dir + ": " + f.describe());
        return PlanktonCli.EXIT_OK;
    }
}
