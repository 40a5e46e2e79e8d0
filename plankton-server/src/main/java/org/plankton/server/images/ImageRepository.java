package org.plankton.server.images;

import static org.plankton.server.images.ImageRows.COLUMNS;
import static org.plankton.server.images.ImageRows.FROM;
import static org.plankton.server.images.ImageRows.bind;
import static org.plankton.server.images.ImageRows.row;
import static org.plankton.server.images.ImageRows.where;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.plankton.server.db.Database;

/**
 * Images, predictions and annotations in the database.
 *
 * <p>Concurrency: duplicates are refused by the {@code UNIQUE (sample_id, sha256)} constraint
 * ({@code ON CONFLICT DO NOTHING}), not by a check-then-insert that two requests could both
 * pass; annotations are only ever inserted, so two people reviewing the same image at once both
 * end up in the history and neither is lost.
 */
public final class ImageRepository {

    public static final int MAX_LABEL = 200;
    public static final int MAX_WHO = 100;

    /**
     * The class an unreviewed image counts under: {@value UNCLASSIFIED} when the reject option
     * refused its top class (accepted false), as the gallery groups it; a review's label still wins.
     */
    public static final String UNCLASSIFIED = "unclassified";
    static final String SHOWN_CLASS = "CASE WHEN i.accepted = FALSE THEN '" + UNCLASSIFIED
            + "' ELSE i.predicted_class END";

    private final Database db;
    private final ReviewRepository reviews;

    public ImageRepository(Database db) {
        this.db = db;
        this.reviews = new ReviewRepository(db);
    }

    /** The outcome of an insert: the image's id, and whether it was already in the sample. */
    public record Inserted(long id, boolean duplicate) {
    }

    /** Inserts an image unless the sample already holds the same content, whose id is returned then. */
    public Inserted insert(NewImage n) throws SQLException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO image (sample_id, sha256, original_name, format,"
                    + " byte_size, width, height, model_id, predicted_class, predicted_prob, probabilities, created, "
                    + ImageRows.TRUST_COLUMNS + ", area_px, margin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sample_id, sha256) DO NOTHING RETURNING id")) {
                int k = 1;
                p.setLong(k++, n.sampleId());
                p.setString(k++, n.sha256());
                p.setString(k++, n.originalName());
                p.setString(k++, n.format());
                p.setLong(k++, n.byteSize());
                p.setInt(k++, n.width());
                p.setInt(k++, n.height());
                p.setString(k++, n.modelId());
                p.setString(k++, n.predictedClass());
                p.setDouble(k++, n.predictedProb());
                p.setString(k++, ProbabilitiesJson.write(n.probabilities()));
                p.setString(k++, ImageRows.now());
                ImageRows.bindTrust(p, k, n.trust());
                ImageRows.setDouble(p, k + 6, n.areaPx());
                ImageRows.setDouble(p, k + 7, margin(n.probabilities()));
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        return new Inserted(r.getLong(1), false);
                    }
                }
            }
            return new Inserted(findId(c, n.sampleId(), n.sha256()).orElseThrow(
                    () -> new SQLException("insert of " + n.sha256() + " conflicted but no row is there")), true);
        });
    }

    /** The id of the image with this content in this sample, if any. */
    public Optional<Long> findId(long sampleId, String sha256) throws SQLException {
        return db.read(c -> findId(c, sampleId, sha256));
    }

    private static Optional<Long> findId(Connection c, long sampleId, String sha256) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM image WHERE sample_id = ? AND sha256 = ?")) {
            p.setLong(1, sampleId);
            p.setString(2, sha256);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    /** True when any sample still holds this content (so its file must stay). */
    public boolean contentInUse(String sha256) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM image WHERE sha256 = ? LIMIT 1")) {
                p.setString(1, sha256);
                try (ResultSet r = p.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    public Optional<ImageRecord> find(long id) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(COLUMNS + FROM + " WHERE i.id = ?")) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(row(r)) : Optional.empty();
                }
            }
        });
    }

    public ImagePage query(ImageQuery q) throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        return db.read(c -> {
            long total;
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*)" + FROM + where)) {
                bind(p, args);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    total = r.getLong(1);
                }
            }
            List<ImageRecord> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(COLUMNS + FROM + where + " ORDER BY " + q.order().sql
                    + " LIMIT " + q.limit() + " OFFSET " + q.offset())) {
                bind(p, args);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        rows.add(row(r));
                    }
                }
            }
            return new ImagePage(total, q.limit(), q.offset(), rows);
        });
    }

    /**
     * Up to {@code limit} images of a sample with ids above {@code afterId}, in upload (id) order:
     * keyset paging, so each page is one indexed range read however deep into the sample, and the
     * database is free for other requests between pages.
     */
    public List<ImageRecord> page(long sampleId, long afterId, int limit) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(COLUMNS + FROM
                    + " WHERE i.sample_id = ? AND i.id > ? ORDER BY i.id LIMIT " + Math.max(1, limit))) {
                p.setLong(1, sampleId);
                p.setLong(2, afterId);
                List<ImageRecord> rows = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        rows.add(row(r));
                    }
                }
                return rows;
            }
        });
    }

    /** Appends a review; see {@link ReviewRepository#annotate}. */
    public Optional<Annotation> annotate(long imageId, Action action, String label, String who) throws SQLException {
        return reviews.annotate(imageId, action, label, who);
    }

    /** See {@link ReviewRepository#validateAll}. */
    public List<Annotation> validateAll(long sampleId, List<Long> imageIds, String who) throws SQLException {
        return reviews.validateAll(sampleId, imageIds, who);
    }

    /** See {@link ReviewRepository#validateGroup}. */
    public List<Annotation> validateGroup(long sampleId, String label, double minProb, String who) throws SQLException {
        return reviews.validateGroup(sampleId, label, minProb, who);
    }

    /** See {@link ReviewRepository#undo}. */
    public Optional<Annotation> undo(long imageId, Long annotationId, String who) throws SQLException {
        return reviews.undo(imageId, annotationId, who);
    }

    /** An image's review history, oldest first. */
    public List<Annotation> history(long imageId) throws SQLException {
        return reviews.history(imageId);
    }

    /** Per-class counts of a sample, largest current count first; images the reject option refused count as {@value UNCLASSIFIED} until reviewed. */
    public List<ClassCount> counts(long sampleId) throws SQLException {
        return db.read(c -> {
            Map<String, long[]> byClass = new TreeMap<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT " + SHOWN_CLASS + ", COUNT(*) FROM image i WHERE sample_id = ? GROUP BY " + SHOWN_CLASS)) {
                p.setLong(1, sampleId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        byClass.computeIfAbsent(r.getString(1), k -> new long[3])[0] = r.getLong(2);
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(a.label, " + SHOWN_CLASS + ") AS lbl,"
                    + " SUM(CASE WHEN " + ImageRows.REVIEWED + " THEN 1 ELSE 0 END), COUNT(*)" + FROM
                    + " WHERE i.sample_id = ? GROUP BY COALESCE(a.label, " + SHOWN_CLASS + ")")) {
                p.setLong(1, sampleId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        long[] v = byClass.computeIfAbsent(r.getString(1), k -> new long[3]);
                        v[1] = r.getLong(2);
                        v[2] = r.getLong(3);
                    }
                }
            }
            List<ClassCount> out = new ArrayList<>();
            byClass.forEach((k, v) -> out.add(new ClassCount(k, v[0], v[1], v[2])));
            out.sort(Comparator.comparingLong(ClassCount::current).reversed().thenComparing(ClassCount::label));
            return out;
        });
    }

    /** Every image of a sample as its current label (the same label {@link #counts} counts it under) and its area. */
    public List<LabelledArea> labelledAreas(long sampleId) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(a.label, " + SHOWN_CLASS + "), i.area_px"
                    + FROM + " WHERE i.sample_id = ? ORDER BY i.id")) {
                p.setLong(1, sampleId);
                List<LabelledArea> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String label = r.getString(1);
                        double area = r.getDouble(2);
                        out.add(new LabelledArea(label, r.wasNull() ? null : area));
                    }
                }
                return out;
            }
        });
    }


    /** Top probability minus the second: how close the model came to another class (null without two). */
    static Double margin(Map<String, Float> probabilities) {
        if (probabilities == null || probabilities.size() < 2) {
            return null;
        }
        float first = Float.NEGATIVE_INFINITY;
        float second = Float.NEGATIVE_INFINITY;
        for (float v : probabilities.values()) {
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return (double) (first - second);
    }
}
