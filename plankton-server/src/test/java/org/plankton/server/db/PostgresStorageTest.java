package org.plankton.server.db;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The storage contract on a real PostgreSQL server, named by {@code PLANKTON_TEST_PG_URL}
 * (.ci/run installs and starts one). Skipped, with the reason, when the variable is unset.
 * Every test starts from an empty schema.
 */
class PostgresStorageTest extends StorageContract {

    static final String ENV = "PLANKTON_TEST_PG_URL";

    @Override
    String jdbcUrl() throws Exception {
        String url = System.getenv(ENV);
        assumeTrue(url != null && !url.isBlank(), ENV + " is not set: no PostgreSQL server to test against"
                + " (.ci/run starts one)");
        if (db == null) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS prediction_history, annotation, image, sample, schema_version CASCADE");
            }
        }
        return url;
    }
}
