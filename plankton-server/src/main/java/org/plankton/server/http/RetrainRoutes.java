package org.plankton.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.plankton.server.images.PastPrediction;
import org.plankton.server.retrain.ModelVersions;
import org.plankton.server.retrain.RepredictStatus;
import org.plankton.server.retrain.Provenance;
import org.plankton.server.retrain.RetrainRequest;
import org.plankton.server.retrain.Retrainer;

/** Retraining from the reviews, and the model versions it produces (issue 19, item 5). */
final class RetrainRoutes {

    /**
     * A version as {@code GET /api/models} lists it; {@code provenance} is null for v1, the started model;
     * {@code repredict} is null but for the version whose stored images are being (or were last) classified again.
     */
    record VersionView(@JsonProperty("version") String version, @JsonProperty("directory") String directory,
                       @JsonProperty("active") boolean active, @JsonProperty("provenance") Provenance provenance,
                       @JsonProperty("repredict") RepredictStatus repredict) {
    }

    /** {@code GET /api/images/{id}/predictions}: the image's predictions, newest (the current one) first. */
    record PredictionHistory(@JsonProperty("image") long image,
                             @JsonProperty("predictions") List<PastPrediction> predictions) {
    }

    record VersionList(@JsonProperty("active") String active, @JsonProperty("versions") List<VersionView> versions) {
    }

    private final Services s;

    RetrainRoutes(Services s) {
        this.s = s;
    }

    void register(RouteTable r) {
        r.post("/api/retrain", this::start);
        r.get("/api/retrain", ctx -> Json.ok(ctx, s.retrain().latest()
                .orElseThrow(() -> new ApiError(404, "no retrain job since the server started"))));
        // before /api/retrain/{job}, which would otherwise take "report" for a job id
        r.get("/api/retrain/report", ctx -> Json.ok(ctx, s.retrain().report())); // a JSON array of rows
        r.get("/api/retrain/{job}", ctx -> Json.ok(ctx, s.retrain().status(ctx.pathParam("job"))
                .orElseThrow(() -> new ApiError(404, "no such retrain job"))));
        r.post("/api/retrain/{job}/cancel", ctx -> Json.ok(ctx, s.retrain().cancel(ctx.pathParam("job"))
                .orElseThrow(() -> new ApiError(404, "no such retrain job"))));
        r.get("/api/models", this::versions);
        r.post("/api/models/{version}/activate", this::activate);
        r.get("/api/images/{id}/predictions", this::predictions);
    }

    private void predictions(Context ctx) throws Exception {
        long id = Params.id(ctx, "id");
        Json.ok(ctx, new PredictionHistory(id, s.predictions().history(id)
                .orElseThrow(() -> new ApiError(404, "no image " + id))));
    }

    private void start(Context ctx) throws Exception {
        JsonNode body = Json.body(ctx);
        JsonNode ids = body.get("samples");
        if (ids == null || !ids.isArray()) {
            throw new ApiError(400, "'samples' must be an array of sample ids");
        }
        List<Long> samples = new ArrayList<>();
        for (JsonNode n : ids) {
            if (!n.canConvertToLong() || !n.isIntegralNumber()) {
                throw new ApiError(400, "'samples' must be an array of sample ids");
            }
            samples.add(n.asLong());
        }
        JsonNode epochs = body.get("epochs");
        if (epochs != null && !epochs.isNull() && !epochs.isIntegralNumber()) {
            throw new ApiError(400, "'epochs' must be an integer");
        }
        String base = Json.text(body, "base_data");
        RetrainRequest request = new RetrainRequest(samples,
                epochs == null || epochs.isNull() ? null : Integer.valueOf(epochs.asInt()),
                base == null || base.isBlank() ? null : Path.of(base));
        try {
            Json.send(ctx, 202, s.retrain().start(request));
        } catch (Retrainer.Busy e) {
            throw new ApiError(409, e.getMessage());
        }
    }

    private void versions(Context ctx) throws Exception {
        String active = s.retrain().activeVersion();
        List<VersionView> views = new ArrayList<>();
        for (ModelVersions.Version v : s.retrain().versions()) {
            views.add(new VersionView(v.version(), v.directory().toAbsolutePath().normalize().toString(),
                    v.version().equals(active), v.provenance(), s.retrain().repredictStatus(v.version())));
        }
        Json.ok(ctx, new VersionList(active, views));
    }

    private void activate(Context ctx) throws Exception {
        String version = ctx.pathParam("version");
        if (s.retrain().activate(version).isEmpty()) {
            throw new ApiError(404, "no model version " + version);
        }
        Json.ok(ctx, s.model().describe());
    }
}
