package org.plankton.core.ecotaxa;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plankton.core.image.ImageFormat;
import org.plankton.core.taxonomy.Taxonomy;

/**
 * Turns an EcoTaxa export into a training folder {@code OUT/<class>/<object_id>.<ext>}. Every TSV
 * is parsed before any image is read, so a file with a missing column fails the import before
 * anything is written. Images are copied one at a time, checked by content
 * ({@link ImageFormat#sniff}), into a hidden temporary folder next to {@code OUT} that is renamed
 * into place at the end: a failed or interrupted import never leaves a half-filled training folder.
 */
public final class EcoTaxaImporter {

    private final Optional<Taxonomy> taxonomy;
    private final ImportOptions options;

    public EcoTaxaImporter(Optional<Taxonomy> taxonomy, ImportOptions options) {
        this.taxonomy = taxonomy;
        this.options = options;
    }

    /** Per-category counts while importing (mutable; the report gets records). */
    private static final class Tally {
        final CategoryMapping mapping;
        int validated;
        int predicted;
        int dubious;
        int written;

        Tally(CategoryMapping mapping) {
            this.mapping = mapping;
        }
    }

    public ImportReport run(Path input, Path out) throws IOException {
        OutputFolder.checkTarget(out, options.force());
        try (ExportArchive archive = ExportArchive.open(input)) {
            List<String> tsvs = archive.tsvFiles();
            if (tsvs.isEmpty()) {
                throw new EcoTaxaFormatException(input + ": no ecotaxa*.tsv or ecotaxa*.txt file (EcoTaxa needs "
                        + "the lowercase 'ecotaxa' prefix)");
            }
            List<ImportProblem> problems = new ArrayList<>(archive.refused());
            List<EcoTaxaRow> rows = new ArrayList<>();
            for (String tsv : tsvs) {
                byte[] content;
                try (InputStream in = archive.open(tsv).orElseThrow(() -> new EcoTaxaFormatException(tsv
                        + ": cannot be read (a link pointing out of the export?)"))) {
                    content = in.readAllBytes();
                }
                EcoTaxaTsv.Parsed parsed = EcoTaxaTsv.parse(tsv, content);
                rows.addAll(parsed.rows());
                problems.addAll(parsed.problems());
            }
            Path tmp = OutputFolder.createTemp(out);
            try {
                ImportReport report = copy(archive, rows, problems, tmp);
                Files.writeString(tmp.resolve(ImportReportCsv.FILE), ImportReportCsv.format(report),
                        StandardCharsets.UTF_8);
                OutputFolder.moveIntoPlace(tmp, out, options.force());
                return report;
            } catch (IOException | RuntimeException e) {
                OutputFolder.deleteTree(tmp);
                throw e;
            }
        }
    }

    private ImportReport copy(ExportArchive archive, List<EcoTaxaRow> rows, List<ImportProblem> problems, Path tmp)
            throws IOException {
        CategoryMapper mapper = new CategoryMapper(taxonomy);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Map<String, String> firstSeen = new HashMap<>();
        Set<String> written = new HashSet<>();
        int unclassified = 0;
        for (EcoTaxaRow row : rows) {
            String before = firstSeen.putIfAbsent(row.objectId(), row.where());
            if (before != null) {
                // EcoTaxa allows several images per object; a training folder wants one image per object
                problems.add(new ImportProblem(row.where(), row.objectId(), row.category(),
                        "duplicate object_id (first at " + before + "); this row left out"));
                continue;
            }
            if (row.status() == AnnotationStatus.UNCLASSIFIED) {
                unclassified++;
                continue;
            }
            CategoryMapping m = mapper.map(row.category(), row.hierarchyLeaf());
            Tally t = tallies.computeIfAbsent(row.category(), c -> new Tally(m));
            switch (row.status()) {
                case VALIDATED -> t.validated++;
                case PREDICTED -> t.predicted++;
                default -> t.dubious++;
            }
            if (!options.includes(row.status())) {
                continue;
            }
            Optional<String> problem = copyImage(archive, row, m.folder(), tmp, written);
            if (problem.isPresent()) {
                problems.add(new ImportProblem(row.where(), row.objectId(), row.category(), problem.get()));
            } else {
                t.written++;
            }
        }
        List<ImportReport.CategoryLine> lines = tallies.values().stream().map(t -> new ImportReport.CategoryLine(
                t.mapping, t.validated, t.predicted, t.dubious, t.written)).toList();
        return new ImportReport(lines, List.copyOf(problems), unclassified, options);
    }

    /** Copies one row's image; the reason it could not, if any. */
    private static Optional<String> copyImage(ExportArchive archive, EcoTaxaRow row, String folder, Path tmp,
                                              Set<String> written) throws IOException {
        Optional<String> name = ExportArchive.resolve(row.tsv(), row.imgFileName());
        if (name.isEmpty()) {
            return Optional.of("unsafe img_file_name '" + row.imgFileName() + "': it leaves the export");
        }
        Optional<InputStream> opened = archive.open(name.get());
        if (opened.isEmpty()) {
            return Optional.of("missing image " + name.get());
        }
        try (InputStream in = opened.get()) {
            byte[] head = in.readNBytes(ImageFormat.HEADER_BYTES);
            Optional<ImageFormat> format = ImageFormat.sniff(head);
            if (format.isEmpty()) {
                return Optional.of("not an image (by content): " + name.get());
            }
            String base = FolderNames.sanitise(row.objectId());
            String file = base + "." + format.get().extension();
            // two ids may sanitise alike; the set is lowercase for case-insensitive file systems
            for (int k = 2; !written.add((folder + "/" + file).toLowerCase(Locale.ROOT)); k++) {
                file = base + "_" + k + "." + format.get().extension();
            }
            Path dir = Files.createDirectories(tmp.resolve(folder));
            try (OutputStream o = Files.newOutputStream(dir.resolve(file))) {
                o.write(head);
                in.transferTo(o);
            }
        }
        return Optional.empty();
    }
}
