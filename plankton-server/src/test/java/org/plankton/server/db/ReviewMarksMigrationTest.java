package org.plankton.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.server.images.Action;
import org.plankton.server.images.Annotation;
import org.plankton.server.images.ImageRepository;
import org.plankton.server.images.Status;

/**
 * V4 rebuilds SQLite's annotation table (SQLite cannot alter a CHECK constraint): a database
 * holding reviews before it keeps every one, with its id, and the new marks work afterwards.
 */
class ReviewMarksMigrationTest {

    @TempDir
    Path dir;

    private static String script(String name) throws Exception {
        try (InputStream in = ReviewMarksMigrationTest.class.getClassLoader()
                .getResourceAsStream(Dialect.SQLITE.migrationFolder() + "/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void reviewsStoredBeforeV4SurviveTheRebuild() throws Exception {
        String url = Database.sqliteUrl(dir);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied TEXT NOT NULL)");
            int v = 0;
            for (String name : List.of("V1__schema.sql", "V2__trust.sql")) {
                for (String sql : Migrations.statements(script(name))) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version VALUES (" + ++v + ", '" + name + "', '2026-01-01T00:00:00Z')");
            }
            s.execute("INSERT INTO sample (id, name, created) VALUES (1, 's', '2026-01-01T00:00:00Z')");
            s.execute("INSERT INTO image (id, sample_id, sha256, original_name, format, byte_size, width, height, model_id,"
                    + " predicted_class, predicted_prob, probabilities, created) VALUES (1, 1, 'ab', 'a.png', 'PNG', 1, 2, 3,"
                    + " 'm@1', 'a', 0.9, '{\"a\":0.9,\"b\":0.1}', '2026-01-01T00:00:00Z')");
            s.execute("INSERT INTO annotation (id, image_id, action, label, who, created) VALUES"
                    + " (7, 1, 'correct', 'b', 'ana', '2026-01-01T00:00:01Z'), (9, 1, 'validate', 'b', 'ben', '2026-01-01T00:00:02Z')");
        }
        try (Database db = Database.open(url)) {
            assertThat(db.read(Migrations::currentVersion)).isEqualTo(Migrations.latestVersion());
            ImageRepository images = new ImageRepository(db);
            List<Annotation> before = images.history(1);
            assertThat(before).extracting(Annotation::id).containsExactly(7L, 9L);
            assertThat(before).extracting(Annotation::who).containsExactly("ana", "ben");
            assertThat(images.find(1).orElseThrow().label()).isEqualTo("b");

            Annotation dubious = images.annotate(1, Action.DUBIOUS, null, "cy").orElseThrow();
            assertThat(dubious.id()).isGreaterThan(9L); // ids continue after the copied ones
            Annotation undo = images.undo(1, dubious.id(), "cy").orElseThrow();
            assertThat(undo.action()).isEqualTo("validate");
            assertThat(undo.undoes()).isEqualTo(dubious.id());
            assertThat(images.find(1).orElseThrow().status()).isEqualTo(Status.VALIDATED);
            assertThat(images.history(1)).hasSize(4);
        }
    }
}
