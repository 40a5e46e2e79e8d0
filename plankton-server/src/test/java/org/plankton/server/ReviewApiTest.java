package org.plankton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.server.Http.Part;

/** The review API of issue 19 (top-5 per image, dubious, undo, batch validation), over loopback on SQLite. */
class ReviewApiTest {

    @TempDir
    static Path tmp;
    static PlanktonServer server;
    static Http http;
    static List<Part> images;

    @BeforeAll
    static void start() throws Exception {
        server = PlanktonServer.start(ServerConfig.local(TestModel.model(), tmp.resolve("data")).withPort(0));
        http = new Http(server.url(), null);
        images = new ArrayList<>(TestModel.imageParts(Integer.MAX_VALUE));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A new sample holding {@code n} distinct images; returns the upload's answer. */
    static JsonNode sampleWith(String name, int n) throws Exception {
        long id = http.postJson("/api/samples", Http.map("name", name)).json().get("id").asLong();
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(images.get(i * 5 % images.size()));
        }
        JsonNode up = http.postFiles("/api/samples/" + id + "/images", parts).json();
        assertThat(up.get("created").asInt()).isEqualTo(n);
        return up;
    }

    static JsonNode post(String path, Object body, int status) throws Exception {
        Http.Response r = http.postJson(path, body);
        assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(status);
        return r.json();
    }

    static String other(String cls) {
        return cls.equals("disc") ? "bar" : "disc";
    }

    @Test
    void theListingCarriesEachImagesTopFiveMostProbableFirst() throws Exception {
        JsonNode up = sampleWith("top five", 2);
        long sample = up.get("sample_id").asLong();
        for (JsonNode img : http.get("/api/samples/" + sample + "/images").json().get("images")) {
            JsonNode top = img.get("top");
            assertThat(top).hasSize(3); // the test model has three classes
            assertThat(top.get(0).get("class").asText()).isEqualTo(img.get("predicted_class").asText());
            assertThat(top.get(0).get("probability").asDouble()).isEqualTo(img.get("predicted_prob").asDouble(),
                    org.assertj.core.data.Offset.offset(1e-6));
            assertThat(top.get(0).get("probability").asDouble()).isGreaterThanOrEqualTo(top.get(1).get("probability").asDouble());
            assertThat(img.get("corrected").asBoolean()).isFalse();
        }
    }

    @Test
    void theModelListsTheLabelsACorrectionMayUseWithoutDeclaringANewClass() throws Exception {
        JsonNode known = http.get("/api/model").json().get("known_labels");
        List<String> names = new ArrayList<>();
        known.forEach(n -> names.add(n.asText()));
        assertThat(names).contains("bar", "cross", "disc").doesNotHaveDuplicates();
    }

    @Test
    void aReviewNeedsAReviewerNameButAMissingImageIsStillA404() throws Exception {
        JsonNode up = sampleWith("no anonymous", 1);
        long image = up.get("results").get(0).get("image_id").asLong();
        assertThat(http.postJson("/api/images/" + image + "/validate", Http.map()).status()).isEqualTo(400);
        assertThat(http.postJson("/api/images/" + image + "/validate", Http.map("who", "  ")).status()).isEqualTo(400);
        assertThat(http.postJson("/api/images/" + image + "/dubious", Http.map()).status()).isEqualTo(400);
        assertThat(http.postJson("/api/images/987654/validate", Http.map()).status()).isEqualTo(404);
        assertThat(http.postJson("/api/images/987654/undo", Http.map("who", "x")).status()).isEqualTo(404);
        assertThat(http.get("/api/images/" + image).json().get("history")).isEmpty();
    }

    @Test
    void dubiousKeepsTheLabelAndIsItsOwnStatus() throws Exception {
        JsonNode up = sampleWith("dubious", 2);
        long sample = up.get("sample_id").asLong();
        long image = up.get("results").get(0).get("image_id").asLong();
        String predicted = up.get("results").get(0).get("predicted_class").asText();
        JsonNode d = post("/api/images/" + image + "/dubious", Http.map("who", "ana"), 201);
        assertThat(d.get("status").asText()).isEqualTo("dubious");
        assertThat(d.get("label").asText()).isEqualTo(predicted);
        assertThat(d.get("annotation").get("action").asText()).isEqualTo("dubious");
        String base = "/api/samples/" + sample + "/images";
        assertThat(http.get(base + "?status=dubious").json().get("total").asInt()).isEqualTo(1);
        assertThat(http.get(base + "?status=validated").json().get("total").asInt()).isZero();
        assertThat(http.get(base + "?status=predicted").json().get("total").asInt()).isEqualTo(1);
        assertThat(http.get("/api/samples/" + sample + "/counts").json().get("validated").asInt()).isZero();
        // EcoTaxa has a dubious status of its own
        String tsv = http.get("/api/samples/" + sample + "/export.ecotaxa.tsv").text();
        assertThat(tsv.lines().filter(l -> l.contains("\tdubious\t"))).hasSize(1);
        assertThat(tsv.lines().filter(l -> l.contains("\tvalidated\t"))).isEmpty();
    }

    @Test
    void undoAppendsAReviewRestoringThePreviousStateAndRefusesWhenSomeoneReviewedSince() throws Exception {
        JsonNode up = sampleWith("undo", 2);
        long sample = up.get("sample_id").asLong();
        long image = up.get("results").get(0).get("image_id").asLong();
        String predicted = up.get("results").get(0).get("predicted_class").asText();
        String x = other(predicted);
        String path = "/api/images/" + image;

        assertThat(http.postJson(path + "/undo", Http.map("who", "ana")).status()).as("nothing to undo").isEqualTo(409);
        long first = post(path + "/correct", Http.map("label", x, "who", "ana"), 201).get("annotation").get("id").asLong();
        JsonNode second = post(path + "/dubious", Http.map("who", "ana"), 201);
        assertThat(second.get("status").asText()).isEqualTo("dubious");
        long secondId = second.get("annotation").get("id").asLong();

        JsonNode u1 = post(path + "/undo", Http.map("who", "ana", "annotation_id", secondId), 201);
        assertThat(u1.get("status").asText()).isEqualTo("validated");
        assertThat(u1.get("label").asText()).isEqualTo(x);
        assertThat(u1.get("corrected").asBoolean()).isTrue();
        assertThat(u1.get("annotation").get("undoes").asLong()).isEqualTo(secondId);
        assertThat(http.get("/api/samples/" + sample + "/images?status=corrected").json().get("total").asInt()).isEqualTo(1);

        // the state is again the one the first review left: undoing that one goes back to the prediction
        JsonNode u2 = post(path + "/undo", Http.map("who", "ana", "annotation_id", first), 201);
        assertThat(u2.get("status").asText()).isEqualTo("predicted");
        assertThat(u2.get("label").asText()).isEqualTo(predicted);
        assertThat(u2.get("annotated_by").isNull()).isTrue();
        assertThat(u2.get("annotation").get("action").asText()).isEqualTo("reset");

        // someone else corrected it since: undoing the old review would throw their work away
        post(path + "/correct", Http.map("label", x, "who", "ben"), 201);
        assertThat(http.postJson(path + "/undo", Http.map("who", "ana", "annotation_id", secondId)).status())
                .isEqualTo(409);
        assertThat(http.postJson(path + "/undo", Http.map("who", "ana", "annotation_id", 987654)).status())
                .isEqualTo(400);

        JsonNode history = http.get(path).json().get("history");
        assertThat(history).hasSize(5); // append-only: nothing was deleted
        assertThat(history.get(0).get("action").asText()).isEqualTo("correct");
        assertThat(history.get(3).get("action").asText()).isEqualTo("reset");
        assertThat(history.get(3).get("label").isNull()).isTrue();
        JsonNode counts = http.get("/api/samples/" + sample + "/counts").json();
        assertThat(counts.get("validated").asInt()).isEqualTo(1);
        assertThat(counts.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void batchValidationOfASelectionIsAllOrNothing() throws Exception {
        JsonNode up = sampleWith("batch", 4);
        long sample = up.get("sample_id").asLong();
        long a = up.get("results").get(0).get("image_id").asLong();
        long b = up.get("results").get(1).get("image_id").asLong();
        long foreign = sampleWith("elsewhere", 1).get("results").get(0).get("image_id").asLong();
        String path = "/api/samples/" + sample + "/validate";

        assertThat(http.postJson(path, Http.map("who", "ana", "image_ids", List.of(a, foreign))).status()).isEqualTo(400);
        assertThat(http.get("/api/samples/" + sample + "/images?status=validated").json().get("total").asInt()).isZero();
        assertThat(http.postJson(path, Http.map("image_ids", List.of(a))).status()).isEqualTo(400);
        assertThat(http.postJson(path, Http.map("who", "ana", "image_ids", List.of())).status()).isEqualTo(400);
        assertThat(http.postJson(path, Http.map("who", "ana")).status()).isEqualTo(400);
        assertThat(http.postJson("/api/samples/987654/validate", Http.map("who", "ana", "image_ids", List.of(a))).status())
                .isEqualTo(404);

        JsonNode done = post(path, Http.map("who", "ana", "image_ids", List.of(a, b)), 201);
        assertThat(done.get("validated").asInt()).isEqualTo(2);
        assertThat(done.get("annotations")).hasSize(2);
        assertThat(http.get("/api/samples/" + sample + "/images?status=validated").json().get("total").asInt()).isEqualTo(2);
    }

    @Test
    void groupValidationTakesOnlyUnreviewedImagesOfTheGroupAtOrAboveTheThreshold() throws Exception {
        JsonNode up = sampleWith("group", 8);
        long sample = up.get("sample_id").asLong();
        JsonNode listing = http.get("/api/samples/" + sample + "/images?limit=100").json().get("images");
        String cls = null;
        for (JsonNode i : listing) {
            if (cls == null && !i.get("accepted").asText().equals("false")) {
                cls = i.get("predicted_class").asText();
            }
        }
        List<JsonNode> inGroup = new ArrayList<>();
        for (JsonNode i : listing) {
            if (i.get("predicted_class").asText().equals(cls) && !i.get("accepted").asText().equals("false")) {
                inGroup.add(i);
            }
        }
        inGroup.sort((p, q) -> Double.compare(q.get("predicted_prob").asDouble(), p.get("predicted_prob").asDouble()));
        // a person's own decision on one of them stays as it is
        long reviewed = inGroup.get(0).get("id").asLong();
        post("/api/images/" + reviewed + "/dubious", Http.map("who", "ben"), 201);
        double threshold = inGroup.get(inGroup.size() / 2).get("predicted_prob").asDouble();
        long expected = inGroup.stream().filter(i -> i.get("predicted_prob").asDouble() >= threshold).count() - 1;

        String path = "/api/samples/" + sample + "/validate";
        assertThat(http.postJson(path, Http.map("who", "ana", "label", cls, "min_prob", 1.5)).status()).isEqualTo(400);
        assertThat(http.postJson(path, Http.map("who", "ana", "label", "unclassified", "min_prob", 0.5)).status())
                .isEqualTo(400);
        JsonNode done = post(path, Http.map("who", "ana", "label", cls, "min_prob", threshold), 201);
        String group = cls;
        assertThat(done.get("validated").asLong()).isEqualTo(expected);
        assertThat(http.get("/api/images/" + reviewed).json().get("status").asText()).isEqualTo("dubious");
        assertThat(post(path, Http.map("who", "ana", "label", group, "min_prob", 0.0), 201).get("validated").asLong())
                .isEqualTo(inGroup.size() - 1 - expected);
        assertThat(post(path, Http.map("who", "ana", "label", group, "min_prob", 0.0), 201).get("validated").asInt())
                .as("all of the group already reviewed").isZero();
    }
}
