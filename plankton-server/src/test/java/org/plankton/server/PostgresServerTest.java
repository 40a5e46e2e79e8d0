package org.plankton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --db jdbc:postgresql://...}: the server migrates an empty PostgreSQL database and
 * the upload/review/export path works on it. Skipped when {@code PLANKTON_TEST_PG_URL} is unset.
 */
class PostgresServerTest {

    @TempDir
    Path tmp;

    @Test
    void serverRunsOnPostgres() throws Exception {
        String url = System.getenv("PLANKTON_TEST_PG_URL");
        assumeTrue(url != null && !url.isBlank(), "PLANKTON_TEST_PG_URL is not set: no PostgreSQL server (.ci/run starts one)");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS prediction_history, annotation, image, sample, schema_version CASCADE");
        }
        Path png;
        try (var files = Files.walk(TestModel.data())) {
            png = files.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        }
        try (PlanktonServer server = PlanktonServer.start(
                ServerConfig.local(TestModel.model(), tmp).withPort(0).withJdbcUrl(url))) {
            Http http = new Http(server.url(), null);
            assertThat(http.get("/api/health").json().get("database").asText()).isEqualTo("postgresql");
            long id = http.postJson("/api/samples", Http.map("name", "pg")).json().get("id").asLong();
            Http.Part part = new Http.Part("a.png", Files.readAllBytes(png));
            JsonNode up = http.postFiles("/api/samples/" + id + "/images", List.of(part, part)).json();
            assertThat(up.get("created").asInt()).isEqualTo(1);
            assertThat(up.get("duplicates").asInt()).isEqualTo(1);
            long imageId = up.get("results").get(0).get("image_id").asLong();
            assertThat(http.postJson("/api/images/" + imageId + "/correct", Http.map("label", "disc", "who", "p"))
                    .status()).isEqualTo(201);
            assertThat(http.get("/api/samples/" + id + "/counts").json().get("validated").asInt()).isEqualTo(1);
            assertThat(http.get("/api/samples/" + id + "/export.csv").text()).contains(",validated,disc,p,");
        }
    }
}
