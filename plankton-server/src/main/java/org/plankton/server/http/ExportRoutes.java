package org.plankton.server.http;

import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import org.plankton.core.taxonomy.WormsTaxa;
import org.plankton.server.abundance.SampleAbundance;
import org.plankton.server.export.CsvExport;
import org.plankton.server.export.DarwinCoreArchive;
import org.plankton.server.export.EcoTaxaExport;
import org.plankton.server.images.ImageStream;
import org.plankton.server.samples.Sample;

/**
 * A sample as CSV (every probability), as an EcoTaxa TSV, as an importable EcoTaxa zip, and as a
 * Darwin Core Archive (per-class occurrences of the sample event).
 *
 * <p>An export is written to a temporary file first, reading the sample's images a page at a time
 * (so a sample of a million images costs one page of memory, not the whole file), and sent only
 * once it is complete. Streaming straight into the response would start sooner, but an error half
 * way (a stored image gone missing) would then end in a truncated download that looks complete,
 * since the status went out with the first bytes; this way it is an error status and no file.
 */
final class ExportRoutes {

    /** Images per database read: large enough to amortise the query, small enough to bound memory. */
    static final int PAGE = 500;

    private final Services s;
    private final SampleRoutes samples;

    ExportRoutes(Services s, SampleRoutes samples) {
        this.s = s;
        this.samples = samples;
    }

    void register(RouteTable r) {
        r.get("/api/samples/{id}/export.csv", this::csv);
        r.get("/api/samples/{id}/export.ecotaxa.tsv", this::tsv);
        r.get("/api/samples/{id}/export.ecotaxa.zip", this::zip);
        r.get("/api/samples/{id}/export.dwca.zip", this::dwca);
    }

    private ImageStream images(Sample sample) {
        return ImageStream.of(s.images(), sample.id(), PAGE);
    }

    private void csv(Context ctx) throws SQLException, IOException {
        Sample sample = samples.sample(ctx);
        send(ctx, "text/csv; charset=utf-8", "sample_" + EcoTaxaExport.sampleId(sample) + ".csv", out -> {
            OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CsvExport.write(sample, images(sample), w);
            w.flush();
        });
    }

    private void tsv(Context ctx) throws SQLException, IOException {
        Sample sample = samples.sample(ctx);
        send(ctx, "text/tab-separated-values; charset=utf-8", EcoTaxaExport.tsvName(sample),
                out -> EcoTaxaExport.writeTsv(sample, images(sample), out));
    }

    private void zip(Context ctx) throws SQLException, IOException {
        Sample sample = samples.sample(ctx);
        send(ctx, "application/zip", "ecotaxa_" + EcoTaxaExport.sampleId(sample) + ".zip",
                out -> EcoTaxaExport.writeZip(sample, images(sample), s.store(), out));
    }

    /** Counts, so no image pages: one row per class, with the concentrations of the counts route. */
    private void dwca(Context ctx) throws SQLException, IOException {
        Sample sample = samples.sample(ctx);
        var rows = SampleAbundance.of(sample, s.images().counts(sample.id()), s.images().labelledAreas(sample.id()));
        send(ctx, "application/zip", DarwinCoreArchive.fileName(sample),
                out -> DarwinCoreArchive.write(sample, rows, WormsTaxa.ndsb(), out));
    }

    /** Writes an export's bytes. */
    @FunctionalInterface
    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Builds the whole export in a temporary file, then sends it (the file is deleted when the
     * response stream is closed). File names here are built from sanitised ids only, so they are
     * safe in the header as they are.
     */
    private static void send(Context ctx, String type, String fileName, Body body) throws IOException {
        Path file = Files.createTempFile("plankton-export-", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                body.writeTo(out);
            }
            ctx.contentType(type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                    .result(Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }
}
