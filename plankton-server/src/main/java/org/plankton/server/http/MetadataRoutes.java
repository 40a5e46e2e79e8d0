package org.plankton.server.http;

import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plankton.server.samples.MetadataImport;
import org.plankton.server.samples.Sample;
import org.plankton.server.samples.SampleMetadata;

/**
 * Sample metadata: set on one sample ({@code PATCH /api/samples/{id}}) or on many from a CSV
 * ({@code POST /api/samples/metadata.csv}, the CSV as the request body). Kept apart from
 * {@link SampleRoutes}, which holds the images' side of a sample.
 */
final class MetadataRoutes {

    private final Services s;
    private final SampleRoutes samples;

    MetadataRoutes(Services s, SampleRoutes samples) {
        this.s = s;
        this.samples = samples;
    }

    void register(RouteTable r) {
        r.patch("/api/samples/{id}", this::patch);
        r.post("/api/samples/metadata.csv", this::importCsv);
    }

    private void patch(Context ctx) throws SQLException {
        Sample sample = samples.sample(ctx);
        SampleMetadata m = MetadataJson.apply(sample.metadata(), Json.body(ctx), Set.of());
        Sample updated = s.samples().updateMetadata(sample.id(), m)
                .orElseThrow(() -> ApiError.notFound("sample " + sample.id()));
        Json.ok(ctx, Views.sample(updated));
    }

    /** 200 with one outcome per row (some may be errors); 400 only when the file as a whole is unreadable. */
    private void importCsv(Context ctx) throws SQLException {
        List<MetadataImport.RowResult> rows = new MetadataImport(s.samples()).apply(ctx.body());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("updated", rows.stream().filter(r -> r.state().equals("updated")).count());
        body.put("errors", rows.stream().filter(r -> r.state().equals("error")).count());
        body.put("rows", rows.stream().map(MetadataRoutes::row).toList());
        Json.ok(ctx, body);
    }

    private static Map<String, Object> row(MetadataImport.RowResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", r.line());
        m.put("sample", r.sample());
        m.put("sample_id", r.sampleId());
        m.put("state", r.state());
        if (r.error() != null) {
            m.put("error", r.error());
            m.put("field", r.field());
        }
        return m;
    }
}
