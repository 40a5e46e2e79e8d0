package org.plankton.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.ecotaxa.EcoTaxaImporter;
import org.plankton.core.ecotaxa.ImportOptions;
import org.plankton.core.ecotaxa.ImportReport;
import org.plankton.core.ecotaxa.ImportReportCsv;
import org.plankton.core.taxonomy.Taxonomy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plankton import-ecotaxa EXPORT.zip --out DIR}: an EcoTaxa export becomes a training folder
 * for {@code train --data DIR}. The summary goes to stdout (scripts read it); the category table to
 * stderr, like other commands' diagnostics.
 */
@Command(name = "import-ecotaxa", mixinStandardHelpOptions = true,
        description = "Turn an EcoTaxa export (zip or unpacked folder with ecotaxa*.tsv and images) into a labelled "
                + "training folder DIR/<class>/<object_id>.<ext>, from validated objects only by default. "
                + "Writes DIR/import-report.csv.")
final class ImportEcoTaxaCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXPORT", description = "EcoTaxa export: a .zip file or a folder.")
    Path export;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Training folder to create (refused if it exists and is not empty, unless --force).")
    Path out;

    @Option(names = "--model", paramLabel = "M", description = "Map categories onto this model bundle's classes "
            + "and taxonomy groups (otherwise each category keeps its own, sanitised, name).")
    Path model;

    @Option(names = "--include-dubious", description = "Also import objects whose status is dubious.")
    boolean includeDubious;

    @Option(names = "--include-predicted", description = "Also import objects whose status is predicted "
            + "(machine labels: training on them teaches a model its own mistakes).")
    boolean includePredicted;

    @Option(names = "--force", description = "Replace DIR if it exists and is not empty.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Optional<Taxonomy> taxonomy = Optional.empty();
        if (model != null) {
            taxonomy = Optional.of(Taxonomy.forBundle(model, BundleReader.read(model).classes()));
        }
        ImportReport report = new EcoTaxaImporter(taxonomy, new ImportOptions(includeDubious, includePredicted, force))
                .run(export, out);
        System.err.print(ImportReportCsv.table(report));
        System.out.println(report.summary(out.resolve(ImportReportCsv.FILE).toString()));
        return PlanktonCli.EXIT_OK;
    }
}
