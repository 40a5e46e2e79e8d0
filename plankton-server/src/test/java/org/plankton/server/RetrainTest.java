package org.plankton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.server.Http.Part;

/**
 * Retraining from reviews (issue 19, item 5) end to end on the tiny test model: reviewed images of a
 * sample, a one-epoch fine-tuning job, the new version with its held-out figures, switching to it;
 * and the one-job rule and cancelling.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetrainTest {

    @TempDir
    static Path tmp;
    static PlanktonServer server;
    static Http http;
    static long sample;

    @BeforeAll
    static void start() throws Exception {
        server = PlanktonServer.start(ServerConfig.local(TestModel.model(), tmp.resolve("data")).withPort(0));
        http = new Http(server.url(), null);
        sample = reviewedSample();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Uploads the synthetic data set as one sample and reviews every image with its true class. */
    static long reviewedSample() throws Exception {
        return ReviewedSample.create(http, "retrain");
    }

    static JsonNode waitForEnd(String job) throws Exception {
        return waitFor(http, job);
    }

    /** Polls a retrain job on the server {@code h} talks to until it is no longer running. */
    static JsonNode waitFor(Http h, String job) throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode s = h.get("/api/retrain/" + job).json();
            if (!s.get("state").asText().equals("running")) {
                return s;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("retrain job " + job + " still running after 5 minutes");
    }

    @Test
    @Order(1)
    void aRetrainedVersionIsListedWithHeldOutFiguresAndCanBeActivated() throws Exception {
        String before = http.get("/api/model").json().get("id").asText();
        Http.Response started = http.postJson("/api/retrain", Http.map("samples", List.of(sample), "epochs", 1));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode end = waitForEnd(started.json().get("job").asText());
        assertThat(end.get("state").asText()).as(end.toString()).isEqualTo("done");
        assertThat(end.get("epoch").asInt()).isEqualTo(1);
        assertThat(end.get("version").asText()).isEqualTo("v2");

        JsonNode models = http.get("/api/models").json();
        assertThat(models.get("active").asText()).isEqualTo("v1");
        JsonNode v2 = models.get("versions").get(1);
        assertThat(v2.get("version").asText()).isEqualTo("v2");
        JsonNode prov = v2.get("provenance");
        assertThat(prov.get("base_model_id").asText()).isEqualTo(before);
        assertThat(prov.get("reviews").asInt()).isEqualTo(72);
        assertThat(prov.get("samples").get(0).asLong()).isEqualTo(sample);
        int held = prov.get("held_out_new").get("images").asInt();
        assertThat(held).isBetween(5, 25);
        assertThat(prov.get("train_images").asInt()).isEqualTo(72 - held);
        assertThat(prov.get("held_out_old").get("accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(prov.get("held_out_new").get("log_loss").asDouble()).isPositive();

        // the learning figures: reviewed images trained on, held out, and the gain in held-out accuracy
        assertThat(prov.get("validated_images").asInt()).isEqualTo(72 - held);
        assertThat(prov.get("held_out_images").asInt()).isEqualTo(held);
        assertThat(prov.get("accuracy_gain").asDouble()).isCloseTo(prov.get("held_out_new").get("accuracy").asDouble()
                - prov.get("held_out_old").get("accuracy").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(prov.get("new_classes")).isEmpty();
        assertThat(models.get("versions").get(0).get("repredict").isNull()).isTrue();

        JsonNode imagesBefore = http.get("/api/samples/" + sample + "/images?limit=500").json().get("images");
        Http.Response act = http.postJson("/api/models/v2/activate", Map.of());
        assertThat(act.status()).as(act.text()).isEqualTo(200);
        JsonNode model = http.get("/api/model").json();
        String after = model.get("id").asText();
        assertThat(after).isNotEqualTo(before);
        assertThat(model.get("directory").asText()).endsWith("v2");
        assertThat(http.get("/api/models").json().get("active").asText()).isEqualTo("v2");

        // every stored image is classified again by v2; its old prediction is in its history, its review unchanged
        JsonNode repredict = waitForRepredict("v2");
        assertThat(repredict.get("state").asText()).as(repredict.toString()).isEqualTo("done");
        assertThat(repredict.get("done").asLong()).isEqualTo(repredict.get("total").asLong()).isGreaterThanOrEqualTo(72);
        for (JsonNode old : imagesBefore) {
            long id = old.get("id").asLong();
            JsonNode now = http.get("/api/images/" + id).json();
            assertThat(now.get("model").asText()).isEqualTo(after);
            assertThat(now.get("status").asText()).isEqualTo(old.get("status").asText());
            assertThat(now.get("label").asText()).isEqualTo(old.get("label").asText());
            JsonNode history = http.get("/api/images/" + id + "/predictions").json().get("predictions");
            assertThat(history).hasSize(2);
            assertThat(history.get(0).get("current").asBoolean()).isTrue();
            assertThat(history.get(0).get("model").asText()).isEqualTo(after);
            assertThat(history.get(1).get("model").asText()).isEqualTo(before);
            assertThat(history.get(1).get("predicted_class").asText()).isEqualTo(old.get("predicted_class").asText());
            assertThat(http.get("/api/images/" + id + "/annotations").json().toString())
                    .doesNotContain("\"reset\"");
        }
        assertThat(http.get("/api/images/999999/predictions").status()).isEqualTo(404);
        assertThat(http.postJson("/api/models/v9/activate", Map.of()).status()).isEqualTo(404);
    }

    static JsonNode waitForRepredict(String version) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode v : http.get("/api/models").json().get("versions")) {
                JsonNode r = v.get("repredict");
                if (v.get("version").asText().equals(version) && !r.isNull() && !r.get("state").asText().equals("running")) {
                    return r;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("re-prediction with " + version + " still running after 2 minutes");
    }

    @Test
    @Order(2)
    void aSecondJobWhileOneRunsIsRefusedAndACancelledJobLeavesNoVersion() throws Exception {
        int versions = http.get("/api/models").json().get("versions").size();
        Http.Response started = http.postJson("/api/retrain", Http.map("samples", List.of(sample), "epochs", 100));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String job = started.json().get("job").asText();
        Http.Response second = http.postJson("/api/retrain", Http.map("samples", List.of(sample)));
        assertThat(second.status()).as(second.text()).isEqualTo(409);

        long deadline = System.currentTimeMillis() + 120_000;
        while (http.get("/api/retrain/" + job).json().get("epoch").asInt() < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100); // cancel inside training, so the epoch loop's check is what stops it
        }
        Http.Response cancel = http.postJson("/api/retrain/" + job + "/cancel", Map.of());
        assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
        JsonNode end = waitForEnd(job);
        assertThat(end.get("state").asText()).as(end.toString()).isEqualTo("cancelled");
        assertThat(end.get("epoch").asInt()).isBetween(1, 99);
        assertThat(end.get("version").isNull()).isTrue();
        assertThat(http.get("/api/models").json().get("versions").size()).isEqualTo(versions);
        assertThat(http.get("/api/retrain").json().get("job").asText()).isEqualTo(job);
        assertThat(http.postJson("/api/retrain/nope/cancel", Map.of()).status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void reviewsOfOneClassOnlyKeepTheModelsClasses() throws Exception {
        List<String> classes = new ArrayList<>();
        http.get("/api/model").json().get("classes").forEach(c -> classes.add(c.asText()));
        long id = http.postJson("/api/samples", Http.map("name", "one class")).json().get("id").asLong();
        String cls = classes.get(0);
        List<Part> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestModel.data().resolve(cls))) {
            for (Path f : files.sorted().limit(12).toList()) {
                parts.add(new Part(f.getFileName().toString(), Files.readAllBytes(f)));
            }
        }
        http.postFiles("/api/samples/" + id + "/images", parts);
        for (JsonNode img : http.get("/api/samples/" + id + "/images?limit=500").json().get("images")) {
            http.postJson("/api/images/" + img.get("id").asLong() + "/correct", Http.map("label", cls, "who", "test"));
        }
        Http.Response started = http.postJson("/api/retrain", Http.map("samples", List.of(id), "epochs", 1));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        JsonNode end = waitForEnd(started.json().get("job").asText());
        assertThat(end.get("state").asText()).as(end.toString()).isEqualTo("done");
        assertThat(end.get("messages").toString()).contains("12 reviewed images").contains("head kept");
        String version = end.get("version").asText();
        assertThat(http.postJson("/api/models/" + version + "/activate", Map.of()).status()).isEqualTo(200);
        List<String> after = new ArrayList<>();
        http.get("/api/model").json().get("classes").forEach(c -> after.add(c.asText()));
        assertThat(after).isEqualTo(classes);
    }

    @Test
    @Order(4)
    void badRequestsAreRefused() throws Exception {
        assertThat(http.postJson("/api/retrain", Map.of()).status()).isEqualTo(400);
        assertThat(http.postJson("/api/retrain", Http.map("samples", List.of(sample), "epochs", 0)).status())
                .isEqualTo(400);
        assertThat(http.postJson("/api/retrain", Http.map("samples", List.of(sample), "base_data", "/no/such/dir"))
                .status()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void theActivatedVersionIsServedAgainAfterARestartAndADamagedRecordFallsBack() throws Exception {
        assertThat(http.postJson("/api/models/v2/activate", Map.of()).status()).isEqualTo(200);
        restart();
        assertThat(http.get("/api/model").json().get("directory").asText()).endsWith("v2");
        assertThat(http.get("/api/models").json().get("active").asText()).isEqualTo("v2");

        Files.writeString(tmp.resolve("data/models/active"), "not a version\n");
        restart();
        assertThat(http.get("/api/models").json().get("active").asText()).isEqualTo("v1");

        Files.writeString(tmp.resolve("data/models/active"), "v77\n"); // a version that is not there
        restart();
        assertThat(http.get("/api/models").json().get("active").asText()).isEqualTo("v1");
        assertThat(http.postJson("/api/models/v1/activate", Map.of()).status()).isEqualTo(200);
        assertThat(Files.readString(tmp.resolve("data/models/active")).strip()).isEqualTo("v1");
    }

    @Test
    @Order(6)
    void theLearningReportHasOneRowPerRetrainedVersionOldestFirst() throws Exception {
        JsonNode rows = http.get("/api/retrain/report").json();
        assertThat(rows.isArray()).isTrue();
        assertThat(rows.size()).isEqualTo(http.get("/api/models").json().get("versions").size() - 1);
        JsonNode v2 = rows.get(0);
        assertThat(v2.get("version").asText()).isEqualTo("v2");
        assertThat(v2.get("reviews").asInt()).isEqualTo(72);
        assertThat(v2.get("train_images").asInt() + v2.get("held_out_images").asInt()).isEqualTo(72);
        assertThat(v2.get("accuracy_gain").asDouble()).isCloseTo(v2.get("accuracy_new").asDouble()
                - v2.get("accuracy_old").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v2.get("log_loss_old").asDouble()).isPositive();
        assertThat(v2.get("log_loss_new").asDouble()).isPositive();
        assertThat(rows.get(1).get("version").asText()).isEqualTo("v3");
        assertThat(rows.get(1).get("reviews").asInt()).isEqualTo(12);
    }

    /** Stops the server and starts another on the same data folder and started model. */
    static void restart() throws Exception {
        server.close();
        server = PlanktonServer.start(ServerConfig.local(TestModel.model(), tmp.resolve("data")).withPort(0));
        http = new Http(server.url(), null);
    }
}
