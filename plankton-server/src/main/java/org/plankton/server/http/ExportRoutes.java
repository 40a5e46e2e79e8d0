package org.plankton.server.http;

import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.plankton.server.export.CsvExport;
import org.plankton.server.export.EcoTaxaExport;
import org.plankton.server.images.ImageStream;
import org.plankton.server.samples.Sample;

/**
 * A sample as CSV (every probability), as an EcoTaxa TSV, and as an importable EcoTaxa zip.
 *
 * <p>Exports are streamed to the client as they are written, reading the images a page at a time,
 * so a sample of a million images costs one page of memory, not the whole file. The price: an
 * error half-way (a stored image gone missing) can no longer become an error status, since the
 * status went out with the first bytes; the response is then cut short and the client sees a
 * failed download rather than a truncated file that looks complete.
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
    }

    private ImageStream images(Sample sample) {
        return ImageStream.of(s.images(), sample.id(), PAGE);
    }

    private void csv(Context ctx) throws SQLException, IOException {
        Sample sample = samples.sample(ctx);
        try (OutputStream out = start(ctx, "text/csv; charset=utf-8", "sample_" + EcoTaxaExport.sampleId(sample) + ".csv");
             OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            CsvExport.write(sample, images(sample), w);
        }
    }

    private void tsv(Context ctx) throws SQLException, IOException {
        Sample sample = samples.sample(ctx);
        try (OutputStream out = start(ctx, "text/tab-separated-values; charset=utf-8", EcoTaxaExport.tsvName(sample))) {
            EcoTaxaExport.writeTsv(sample, images(sample), out);
        }
    }

    private void zip(Context ctx) throws SQLException, IOException {
        Sample sample = samples.sample(ctx);
        try (OutputStream out = start(ctx, "application/zip", "ecotaxa_" + EcoTaxaExport.sampleId(sample) + ".zip")) {
            EcoTaxaExport.writeZip(sample, images(sample), s.store(), out);
        }
    }

    /** File names here are built from sanitised ids only, so they are safe in the header as they are. */
    private static OutputStream start(Context ctx, String type, String fileName) {
        ctx.contentType(type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        return new BufferedOutputStream(ctx.outputStream(), 1 << 16);
    }
}
