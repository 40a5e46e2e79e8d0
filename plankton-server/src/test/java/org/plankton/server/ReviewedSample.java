package org.plankton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.plankton.server.Http.Part;

/**
 * A sample worth retraining on, made through the API: the synthetic data set uploaded and every
 * image reviewed with its true class (validated where the model was right, corrected elsewhere),
 * as RetrainTest builds its own. The browser tests use it so the UI starts from reviews already made.
 */
final class ReviewedSample {

    private ReviewedSample() {
    }

    /** @return the new sample's id */
    static long create(Http http, String name) throws Exception {
        long id = http.postJson("/api/samples", Http.map("name", name)).json().get("id").asLong();
        List<Part> parts = new ArrayList<>();
        Map<String, String> truth = new HashMap<>();
        try (Stream<Path> files = Files.walk(TestModel.data())) {
            for (Path f : files.filter(x -> x.toString().endsWith(".png")).sorted().toList()) {
                String cls = f.getParent().getFileName().toString();
                String file = cls + "-" + f.getFileName();
                truth.put(file, cls);
                parts.add(new Part(file, Files.readAllBytes(f)));
            }
        }
        http.postFiles("/api/samples/" + id + "/images", parts);
        JsonNode images = http.get("/api/samples/" + id + "/images?limit=500").json().get("images");
        assertThat(images).hasSize(parts.size());
        for (JsonNode img : images) {
            String cls = truth.get(img.get("file").asText());
            String path = "/api/images/" + img.get("id").asLong();
            Http.Response r = cls.equals(img.get("predicted_class").asText())
                    ? http.postJson(path + "/validate", Http.map("who", "test"))
                    : http.postJson(path + "/correct", Http.map("label", cls, "who", "test"));
            assertThat(r.status()).as(r.text()).isBetween(200, 201);
        }
        return id;
    }
}
