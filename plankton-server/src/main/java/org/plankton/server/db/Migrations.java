package org.plankton.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned schema migrations, Flyway-style: scripts {@code db/<dialect>/V<n>__<name>.sql},
 * applied in order inside one transaction each, recorded in {@code schema_version}.
 *
 * <p>Hand-written rather than Flyway because the whole job is forty lines, Flyway's SQLite and
 * PostgreSQL support now live in separate artifacts with their own release cadence, and a
 * schema-version table is all we need. A database newer than this code is refused, so an old
 * server never writes into a schema it does not understand.
 */
public final class Migrations {

    /** Every migration, oldest first. Add a line (and both dialects' scripts) to change the schema. */
    static final List<String> SCRIPTS = List.of("V1__schema.sql", "V2__trust.sql", "V3__sample_metadata.sql",
            "V4__review_marks.sql", "V5__margin.sql", "V6__prediction_history.sql");

    private final Dialect dialect;

    public Migrations(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The newest schema version this code knows. */
    public static int latestVersion() {
        return SCRIPTS.size();
    }

    void apply(Database db) throws SQLException {
        db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                        + " script TEXT NOT NULL, applied TEXT NOT NULL)");
            }
            return null;
        });
        for (int i = 0; i < SCRIPTS.size(); i++) {
            int version = i + 1;
            String script = SCRIPTS.get(i);
            db.transaction(c -> {
                lock(c);
                int current = currentVersion(c);
                if (current >= version) {
                    return null; // applied already, possibly by another server that started at the same time
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(read(script))) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, script);
                    p.setString(3, Instant.now().toString());
                    p.executeUpdate();
                }
                return null;
            });
        }
        int found = db.read(Migrations::currentVersion);
        if (found > latestVersion()) {
            throw new SQLException("database schema version " + found + " is newer than this server understands ("
                    + latestVersion() + "); upgrade plankton");
        }
    }

    /** Serialises concurrent migrators on PostgreSQL (SQLite's single writer does this by itself). */
    private void lock(Connection c) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(727365)");
            }
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            r.next();
            return r.getInt(1);
        }
    }

    private String read(String script) throws SQLException {
        String path = dialect.migrationFolder() + "/" + script;
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new SQLException("migration script missing from the class path: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration " + path + ": " + e.getMessage(), e);
        }
    }

    /** Splits a script at semicolons that end a line; our scripts hold no procedural code. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = cur.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}
