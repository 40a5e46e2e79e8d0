package org.plankton.server.samples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plankton.server.db.Database;

/** Create, list, find and delete samples. */
public final class SampleRepository {

    public static final int MAX_NAME = 200;
    private static final String SELECT = "SELECT s.id, s.name, s.description, s.created,"
            + " (SELECT COUNT(*) FROM image i WHERE i.sample_id = s.id) AS images FROM sample s";

    private final Database db;

    public SampleRepository(Database db) {
        this.db = db;
    }

    public SampleRecord create(String name, String description) throws SQLException {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("sample name must be 1 to " + MAX_NAME + " characters, got "
                    + (name == null ? "none" : name.length() + " characters"));
        }
        String desc = description == null ? "" : description;
        String created = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        long id = db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO sample (name, description, created) VALUES (?, ?, ?) RETURNING id")) {
                p.setString(1, name.strip());
                p.setString(2, desc);
                p.setString(3, created);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
        return new SampleRecord(id, name.strip(), desc, created, 0);
    }

    public List<SampleRecord> list() throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(SELECT + " ORDER BY s.id");
                 ResultSet r = p.executeQuery()) {
                List<SampleRecord> out = new ArrayList<>();
                while (r.next()) {
                    out.add(row(r));
                }
                return out;
            }
        });
    }

    public Optional<SampleRecord> find(long id) throws SQLException {
        return db.read(c -> find(c, id));
    }

    static Optional<SampleRecord> find(Connection c, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE s.id = ?")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    /**
     * Deletes a sample with its images and annotations, and returns the content hashes that no
     * other sample references any more (their files may go).
     */
    public Optional<List<String>> delete(long id) throws SQLException {
        return db.transaction(c -> {
            if (find(c, id).isEmpty()) {
                return Optional.empty();
            }
            List<String> hashes = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT sha256 FROM image i WHERE i.sample_id = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM image o WHERE o.sha256 = i.sha256 AND o.sample_id <> i.sample_id)")) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        hashes.add(r.getString(1));
                    }
                }
            }
            // Explicit deletes rather than trusting ON DELETE CASCADE: SQLite only cascades on
            // connections that enabled foreign keys.
            update(c, "DELETE FROM annotation WHERE image_id IN (SELECT id FROM image WHERE sample_id = ?)", id);
            update(c, "DELETE FROM image WHERE sample_id = ?", id);
            update(c, "DELETE FROM sample WHERE id = ?", id);
            return Optional.of(hashes);
        });
    }

    private static void update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, id);
            p.executeUpdate();
        }
    }

    private static SampleRecord row(ResultSet r) throws SQLException {
        return new SampleRecord(r.getLong("id"), r.getString("name"), r.getString("description"), r.getString("created"),
                r.getLong("images"));
    }
}
