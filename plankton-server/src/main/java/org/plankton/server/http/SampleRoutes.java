package org.plankton.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plankton.server.abundance.SampleAbundance;
import org.plankton.server.images.ImageQuery;
import org.plankton.server.images.Status;
import org.plankton.server.ingest.Outcome;
import org.plankton.server.samples.Sample;
import org.plankton.server.samples.SampleMetadata;

/** Samples: create (with metadata fields, optional), list, show, delete; upload into one; list, filter and count its images. */
final class SampleRoutes {

    private final Services s;
    private final UploadLimits limits;

    SampleRoutes(Services s, UploadLimits limits) {
        this.s = s;
        this.limits = limits;
    }

    void register(RouteTable r) {
        r.get("/api/samples", this::list);
        r.post("/api/samples", this::create);
        r.get("/api/samples/{id}", this::show);
        r.delete("/api/samples/{id}", this::delete);
        r.post("/api/samples/{id}/images", this::upload);
        r.get("/api/samples/{id}/images", this::images);
        r.get("/api/samples/{id}/counts", this::counts);
    }

    Sample sample(Context ctx) throws SQLException {
        long id = Params.id(ctx, "id");
        return s.samples().find(id).orElseThrow(() -> ApiError.notFound("sample " + id));
    }

    private void list(Context ctx) throws SQLException {
        Json.ok(ctx, Map.of("samples", s.samples().list().stream().map(Views::sample).toList()));
    }

    private void create(Context ctx) throws SQLException {
        JsonNode body = Json.body(ctx);
        SampleMetadata metadata = MetadataJson.apply(SampleMetadata.EMPTY, body, Set.of("name", "description"));
        Sample created = s.samples().create(Json.text(body, "name"), Json.text(body, "description"), metadata);
        ctx.header("Location", "/api/samples/" + created.id());
        Json.send(ctx, 201, Views.sample(created));
    }

    private void show(Context ctx) throws SQLException {
        Json.ok(ctx, Views.sample(sample(ctx)));
    }

    private void delete(Context ctx) throws SQLException {
        long id = Params.id(ctx, "id");
        if (!s.intake().deleteSample(id)) {
            throw ApiError.notFound("sample " + id);
        }
        ctx.status(204);
    }

    private void upload(Context ctx) throws SQLException, IOException, InterruptedException {
        limits.checkDeclaredLength(ctx);
        Sample sample = sample(ctx);
        List<Outcome> outcomes = s.intake().addToSample(sample.id(), limits.read(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sample_id", sample.id());
        body.put("model", s.model().id());
        body.put("created", outcomes.stream().filter(o -> o.state().equals("created")).count());
        body.put("duplicates", outcomes.stream().filter(o -> o.state().equals("duplicate")).count());
        body.put("errors", outcomes.stream().filter(o -> o.state().equals("error")).count());
        body.put("results", outcomes.stream().map(Views::outcome).toList());
        Json.ok(ctx, body);
    }

    private void images(Context ctx) throws SQLException {
        Sample sample = sample(ctx);
        String status = Params.text(ctx, "status");
        String order = Params.text(ctx, "order");
        ImageQuery q;
        try {
            q = new ImageQuery(sample.id(), Params.text(ctx, "class"), Params.text(ctx, "label"),
                    status == null ? null : Status.parse(status), Params.decimal(ctx, "min_prob"),
                    Params.decimal(ctx, "max_prob"), order == null ? null : ImageQuery.Order.parse(order),
                    Params.integer(ctx, "limit", 100), Params.integer(ctx, "offset", 0),
                    Params.bool(ctx, "out_of_domain"));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
        boolean withProbabilities = "true".equals(Params.text(ctx, "probabilities"));
        var page = s.images().query(q);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sample_id", sample.id());
        body.put("total", page.total());
        body.put("limit", page.limit());
        body.put("offset", page.offset());
        body.put("images", page.images().stream().map(i -> Views.image(i, withProbabilities)).toList());
        Json.ok(ctx, body);
    }

    private void counts(Context ctx) throws SQLException {
        Sample sample = sample(ctx);
        var counts = s.images().counts(sample.id());
        var rows = SampleAbundance.of(sample, counts, s.images().labelledAreas(sample.id()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sample_id", sample.id());
        body.put("total", counts.stream().mapToLong(c -> c.current()).sum());
        body.put("validated", counts.stream().mapToLong(c -> c.validated()).sum());
        body.put("imaged_volume_l", sample.metadata().imagedVolumeL());
        body.put("pixel_size_um", sample.metadata().pixelSizeUm());
        body.put("classes", rows.stream().map(Views::count).toList());
        Json.ok(ctx, body);
    }
}
