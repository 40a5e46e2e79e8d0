package org.plankton.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.plankton.server.ingest.Outcome;

/** {@code POST /api/classify}: predictions for uploaded images, nothing stored. */
final class ClassifyRoutes {

    private final Services s;
    private final UploadLimits limits;

    ClassifyRoutes(Services s, UploadLimits limits) {
        this.s = s;
        this.limits = limits;
    }

    void register(RouteTable r) {
        r.post("/api/classify", this::classify);
    }

    private void classify(Context ctx) throws InterruptedException {
        List<Outcome> outcomes = s.intake().classify(limits.read(ctx));
        Json.ok(ctx, Map.of("model", s.model().id(), "results", outcomes.stream().map(Views::outcome).toList()));
    }
}
