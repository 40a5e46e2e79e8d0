package org.plankton.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.server.images.Action;
import org.plankton.server.images.Annotation;
import org.plankton.server.images.ImageRepository;
import org.plankton.server.images.ReviewRepository;

/**
 * What fast review needs beyond validate/correct: a dubious mark, undo (an appended review that
 * restores the state before the one undone; the log stays append-only), and batch validation of
 * a selection or of a gallery group above a confidence.
 */
final class ReviewRoutes {

    /** Most images one batch validation may name. */
    static final int MAX_BATCH = 1000;

    private final Services s;

    ReviewRoutes(Services s) {
        this.s = s;
    }

    void register(RouteTable r) {
        r.post("/api/images/{id}/dubious", this::dubious);
        r.post("/api/images/{id}/undo", this::undo);
        r.post("/api/samples/{id}/validate", this::validateMany);
    }

    /** A check that may throw (the 404 of a missing resource comes before the 400 of a missing name). */
    interface Check {
        void run() throws SQLException;
    }

    /** 400 unless {@code who} names the reviewer; {@code exists} runs first so a missing image stays a 404. */
    static void requireWho(String who, Check exists) throws SQLException {
        if (who == null || who.isBlank()) {
            exists.run();
            throw new ApiError(400, "a review needs 'who': the reviewer's name");
        }
    }

    private void dubious(Context ctx) throws SQLException {
        long id = Params.id(ctx, "id");
        String who = Json.text(Json.body(ctx), "who");
        requireWho(who, () -> found(id));
        Annotation a = s.images().annotate(id, Action.DUBIOUS, null, who).orElseThrow(() -> ApiError.notFound("image " + id));
        answer(ctx, id, a);
    }

    private void undo(Context ctx) throws SQLException {
        long id = Params.id(ctx, "id");
        JsonNode body = Json.body(ctx);
        String who = Json.text(body, "who");
        requireWho(who, () -> found(id));
        JsonNode target = body.get("annotation_id");
        if (target != null && !target.isNull() && !target.canConvertToLong()) {
            throw new ApiError(400, "'annotation_id' must be an integer");
        }
        Annotation a;
        try {
            a = s.images().undo(id, target == null || target.isNull() ? null : target.asLong(), who)
                    .orElseThrow(() -> ApiError.notFound("image " + id));
        } catch (ReviewRepository.UndoConflict e) {
            throw new ApiError(409, e.getMessage());
        }
        answer(ctx, id, a);
    }

    private void found(long id) throws SQLException {
        s.images().find(id).orElseThrow(() -> ApiError.notFound("image " + id));
    }

    private void answer(Context ctx, long id, Annotation a) throws SQLException {
        Map<String, Object> out = Views.image(s.images().find(id).orElseThrow(), false);
        out.put("annotation", Views.annotation(a));
        Json.send(ctx, 201, out);
    }

    /** {"who", "image_ids": [...]} or {"who", "label", "min_prob"}: validate a selection or a group. */
    private void validateMany(Context ctx) throws SQLException {
        long sampleId = Params.id(ctx, "id");
        s.samples().find(sampleId).orElseThrow(() -> ApiError.notFound("sample " + sampleId));
        JsonNode body = Json.body(ctx);
        String who = Json.text(body, "who");
        requireWho(who, () -> { });
        JsonNode ids = body.get("image_ids");
        String label = Json.text(body, "label");
        List<Annotation> done;
        if (ids != null && !ids.isNull()) {
            if (label != null || body.has("min_prob")) {
                throw new ApiError(400, "give either 'image_ids' or 'label' with 'min_prob', not both");
            }
            if (!ids.isArray() || ids.isEmpty() || ids.size() > MAX_BATCH) {
                throw new ApiError(400, "'image_ids' must be an array of 1 to " + MAX_BATCH + " image ids");
            }
            List<Long> list = new ArrayList<>();
            for (JsonNode n : ids) {
                if (!n.canConvertToLong() || !n.isIntegralNumber()) {
                    throw new ApiError(400, "'image_ids' must hold integers, got " + n);
                }
                list.add(n.asLong());
            }
            done = s.images().validateAll(sampleId, list, who);
        } else if (label != null) {
            JsonNode p = body.get("min_prob");
            if (p == null || !p.isNumber() || !(p.asDouble() >= 0 && p.asDouble() <= 1)) {
                throw new ApiError(400, "'min_prob' must be a number in [0, 1]");
            }
            done = s.images().validateGroup(sampleId, label, p.asDouble(), who);
        } else {
            throw new ApiError(400, "give 'image_ids', or 'label' and 'min_prob'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sample_id", sampleId);
        out.put("validated", done.size());
        out.put("annotations", done.stream().map(Views::annotation).toList());
        Json.send(ctx, 201, out);
    }
}
