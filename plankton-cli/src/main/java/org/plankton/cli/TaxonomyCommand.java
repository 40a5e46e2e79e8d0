package org.plankton.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.DefaultModel;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.taxonomy.Taxonomy;
import org.plankton.core.taxonomy.TaxonomyCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plankton taxonomy [--model M]}: the hierarchy back-off uses, as a taxonomy.csv to start editing from. */
@Command(name = "taxonomy", mixinStandardHelpOptions = true,
        description = "Print the model's class hierarchy (its taxonomy.csv, else the one derived from the class names) "
                + "in taxonomy.csv form: class,path.")
final class TaxonomyCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model bundle folder (default: the bundled model, models/" + DefaultModel.NAME + ").")
    Path model;

    @Override
    public Integer call() throws Exception {
        Path dir = DefaultModel.resolve(this.model);
        ModelBundle bundle = BundleReader.read(dir);
        System.out.print(TaxonomyCsv.format(Taxonomy.forBundle(dir, bundle.classes())));
        return PlanktonCli.EXIT_OK;
    }
}
