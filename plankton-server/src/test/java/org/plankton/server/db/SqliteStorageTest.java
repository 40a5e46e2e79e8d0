package org.plankton.server.db;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on the embedded SQLite database. */
class SqliteStorageTest extends StorageContract {

    @TempDir
    Path dir;

    @Override
    String jdbcUrl() {
        return Database.sqliteUrl(dir);
    }
}
