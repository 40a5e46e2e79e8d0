package org.plankton.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.plankton.server.export.CsvExport;
import org.plankton.server.export.EcoTaxaExport;
import org.plankton.server.samples.Sample;

/** A sample as CSV (every probability), as an EcoTaxa TSV, and as an importable EcoTaxa zip. */
final class ExportRoutes {

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

    private void csv(Context ctx) throws SQLException, IOException {
        Sample sample = samples.sample(ctx);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStreamWriter w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            CsvExport.write(sample, s.images().all(sample.id()), w);
        }
        send(ctx, "text/csv; charset=utf-8", "sample_" + EcoTaxaExport.sampleId(sample) + ".csv", bytes.toByteArray());
    }

    private void tsv(Context ctx) throws SQLException, IOException {
        Sample sample = samples.sample(ctx);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EcoTaxaExport.writeTsv(sample, s.images().all(sample.id()), bytes);
        send(ctx, "text/tab-separated-values; charset=utf-8", EcoTaxaExport.tsvName(sample), bytes.toByteArray());
    }

    private void zip(Context ctx) throws SQLException, IOException {
        Sample sample = samples.sample(ctx);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EcoTaxaExport.writeZip(sample, s.images().all(sample.id()), s.store(), bytes);
        send(ctx, "application/zip", "ecotaxa_" + EcoTaxaExport.sampleId(sample) + ".zip", bytes.toByteArray());
    }

    /** File names here are built from sanitised ids only, so they are safe in the header as they are. */
    private static void send(Context ctx, String type, String fileName, byte[] body) {
        ctx.contentType(type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").result(body);
    }
}
