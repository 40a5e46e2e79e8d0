package org.plankton.server.samples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plankton.server.db.Database;

/** Create, list, find and delete samples. */
public final class SampleRepository {

    public static final int MAX_NAME = 200;
    /** The metadata columns (V3), in {@link SampleMetadata} record order. */
    private static final String META_COLUMNS = "volume_l, fraction, sampled_at, latitude, longitude, depth_min_m,"
            + " depth_max_m, instrument, pixel_size_um";
    private static final String SELECT = "SELECT s.id, s.name, s.description, s.created, "
            + META_COLUMNS.replaceAll("(\\w+)", "s.$1")
            + ", (SELECT COUNT(*) FROM image i WHERE i.sample_id = s.id) AS images FROM sample s";

    private final Database db;

    public SampleRepository(Database db) {
        this.db = db;
    }

    public SampleRecord create(String name, String description) throws SQLException {
        return create(name, description, SampleMetadata.EMPTY);
    }

    /** Creates a sample with its metadata known from the start (the API's create accepts the fields). */
    public SampleRecord create(String name, String description, SampleMetadata metadata) throws SQLException {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("sample name must be 1 to " + MAX_NAME + " characters, got "
                    + (name == null ? "none" : name.length() + " characters"));
        }
        String desc = description == null ? "" : description;
        String created = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        long id = db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO sample (name, description, created, " + META_COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                p.setString(1, name.strip());
                p.setString(2, desc);
                p.setString(3, created);
                bindMetadata(p, 4, metadata);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
        return new SampleRecord(id, name.strip(), desc, created, 0, metadata);
    }

    /** Replaces a sample's metadata; empty when there is no such sample. */
    public Optional<SampleRecord> updateMetadata(long id, SampleMetadata metadata) throws SQLException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE sample SET (" + META_COLUMNS
                    + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?")) {
                bindMetadata(p, 1, metadata);
                p.setLong(10, id);
                if (p.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return find(c, id);
        });
    }

    /** Samples with this exact name (names are not unique, so a caller must handle several). */
    public List<SampleRecord> findByName(String name) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE s.name = ? ORDER BY s.id")) {
                p.setString(1, name.strip());
                List<SampleRecord> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(row(r));
                    }
                }
                return out;
            }
        });
    }

    private static void bindMetadata(PreparedStatement p, int k, SampleMetadata m) throws SQLException {
        setDouble(p, k++, m.volumeL());
        setDouble(p, k++, m.fraction());
        p.setString(k++, m.datetime());
        setDouble(p, k++, m.latitude());
        setDouble(p, k++, m.longitude());
        setDouble(p, k++, m.depthMinM());
        setDouble(p, k++, m.depthMaxM());
        p.setString(k++, m.instrument());
        setDouble(p, k, m.pixelSizeUm());
    }

    private static void setDouble(PreparedStatement p, int k, Double v) throws SQLException {
        if (v == null) {
            p.setNull(k, Types.DOUBLE);
        } else {
            p.setDouble(k, v);
        }
    }

    private static Double getDouble(ResultSet r, String column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
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
            update(c, "DELETE FROM prediction_history WHERE image_id IN (SELECT id FROM image WHERE sample_id = ?)", id);
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
        SampleMetadata m = new SampleMetadata(getDouble(r, "volume_l"), getDouble(r, "fraction"),
                r.getString("sampled_at"), getDouble(r, "latitude"), getDouble(r, "longitude"),
                getDouble(r, "depth_min_m"), getDouble(r, "depth_max_m"), r.getString("instrument"),
                getDouble(r, "pixel_size_um"));
        return new SampleRecord(r.getLong("id"), r.getString("name"), r.getString("description"), r.getString("created"),
                r.getLong("images"), m);
    }
}
