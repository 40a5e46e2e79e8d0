package org.plankton.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.Map;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.image.ImageFormat;
import org.plankton.server.images.Action;
import org.plankton.server.images.Annotation;
import org.plankton.server.images.ImageRecord;

/** One image: details with history, its file, a thumbnail, and validate/correct. */
final class ImageRoutes {

    private final Services s;
    private final ImageDecoder decoder = new ImageDecoder();

    ImageRoutes(Services s) {
        this.s = s;
    }

    void register(RouteTable r) {
        r.get("/api/images/{id}", this::show);
        r.get("/api/images/{id}/file", this::file);
        r.get("/api/images/{id}/thumbnail", this::thumbnail);
        r.get("/api/images/{id}/annotations", this::history);
        r.post("/api/images/{id}/validate", ctx -> annotate(ctx, Action.VALIDATE));
        r.post("/api/images/{id}/correct", ctx -> annotate(ctx, Action.CORRECT));
        new ReviewRoutes(s).register(r);
    }

    private ImageRecord image(Context ctx) throws SQLException {
        long id = Params.id(ctx, "id");
        return s.images().find(id).orElseThrow(() -> ApiError.notFound("image " + id));
    }

    private void show(Context ctx) throws SQLException {
        ImageRecord i = image(ctx);
        Map<String, Object> body = Views.image(i, true);
        body.put("history", s.images().history(i.id()).stream().map(Views::annotation).toList());
        Json.ok(ctx, body);
    }

    private void history(Context ctx) throws SQLException {
        ImageRecord i = image(ctx);
        Json.ok(ctx, Map.of("image_id", i.id(), "annotations",
                s.images().history(i.id()).stream().map(Views::annotation).toList()));
    }

    private void file(Context ctx) throws SQLException, IOException {
        ImageRecord i = image(ctx);
        ctx.contentType(ImageFormat.parse(i.format()).mediaType());
        ctx.header("Cache-Control", "private, max-age=86400");
        ctx.result(bytes(i));
    }

    private void thumbnail(Context ctx) throws SQLException, IOException {
        ImageRecord i = image(ctx);
        try {
            byte[] png = Thumbnails.png(decoder.decode(bytes(i), i.originalName()));
            ctx.contentType("image/png").header("Cache-Control", "private, max-age=86400").result(png);
        } catch (ImageDecodeException e) {
            throw new ApiError(500, "stored image " + i.id() + " no longer decodes: " + e.reason());
        }
    }

    private byte[] bytes(ImageRecord i) throws IOException {
        try {
            return s.store().read(i.sha256());
        } catch (NoSuchFileException e) {
            throw new ApiError(410, "the file of image " + i.id() + " is missing from the image store");
        }
    }

    /** {@code "new_class": true}: the reviewer means a label the model does not know; anything else is no. */
    private static boolean newClass(JsonNode body) {
        JsonNode v = body.get("new_class");
        if (v != null && !v.isNull() && !v.isBoolean()) {
            throw new ApiError(400, "'new_class' must be true or false");
        }
        return v != null && v.asBoolean(false);
    }

    private void annotate(Context ctx, Action action) throws SQLException {
        long id = Params.id(ctx, "id");
        JsonNode body = Json.body(ctx);
        String label = Json.text(body, "label");
        String who = Json.text(body, "who");
        ReviewRoutes.requireWho(who, () -> image(ctx));
        if (action == Action.CORRECT && (label == null || label.isBlank())) {
            throw new ApiError(400, "a correction needs a 'label'");
        }
        if (action == Action.CORRECT && !newClass(body) && !s.model().knownLabels().contains(label.strip())) {
            image(ctx); // a missing image is a 404 whatever the label
            throw new ApiError(422, "'" + label.strip() + "' is neither one of the model's classes nor a taxon name;"
                    + " send \"new_class\": true to use it as a new class", Map.of("label", label.strip()));
        }
        Annotation a;
        try {
            a = s.images().annotate(id, action, label, who).orElseThrow(() -> ApiError.notFound("image " + id));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
        Map<String, Object> out = Views.image(s.images().find(id).orElseThrow(), false);
        out.put("annotation", Views.annotation(a));
        Json.send(ctx, 201, out);
    }
}
