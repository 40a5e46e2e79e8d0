package org.plankton.server.images;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plankton.server.db.Database;

/**
 * Predictions of stored images after upload: re-predictions by another model version, and the
 * history of earlier ones ({@code prediction_history}, migration V6). A replacement appends the old
 * prediction to the history and rewrites the image row's prediction columns in one transaction, so
 * no prediction is lost however the server stops. Reviews ({@code annotation}) are never touched: a
 * person's label outlives any model.
 */
public final class PredictionRepository {

    /** An image as re-prediction needs it: which file, and which model predicted it last. */
    public record Stored(long id, String sha256, String modelId) {
    }

    private final Database db;

    public PredictionRepository(Database db) {
        this.db = db;
    }

    /** Every stored image counts: the total a re-prediction works through. */
    public long count() throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM image");
                 ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** Up to {@code limit} images of any sample with ids above {@code afterId}, in id order (keyset paging). */
    public List<Stored> page(long afterId, int limit) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, sha256, model_id FROM image WHERE id > ? ORDER BY id"
                    + " LIMIT " + Math.max(1, limit))) {
                p.setLong(1, afterId);
                List<Stored> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Stored(r.getLong(1), r.getString(2), r.getString(3)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Appends the image's current prediction to its history, then gives it {@code next}. False when the
     * image is gone (its sample was deleted meanwhile).
     */
    public boolean replace(long imageId, Reprediction next) throws SQLException {
        String now = ImageRows.now();
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO prediction_history (image_id, model_id,"
                    + " predicted_class, predicted_prob, margin, accepted, probabilities, predicted_at, replaced_at)"
                    + " SELECT id, model_id, predicted_class, predicted_prob, margin, accepted, probabilities,"
                    + " COALESCE(predicted_at, created), ? FROM image WHERE id = ?")) {
                p.setString(1, now);
                p.setLong(2, imageId);
                if (p.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE image SET model_id = ?, predicted_class = ?,"
                    + " predicted_prob = ?, probabilities = ?, " + ImageRows.TRUST_COLUMNS.replace(",", " = ?,")
                    + " = ?, margin = ?, predicted_at = ? WHERE id = ?")) {
                int k = 1;
                p.setString(k++, next.modelId());
                p.setString(k++, next.predictedClass());
                p.setDouble(k++, next.predictedProb());
                p.setString(k++, ProbabilitiesJson.write(next.probabilities()));
                ImageRows.bindTrust(p, k, next.trust());
                k += 6;
                ImageRows.setDouble(p, k++, ImageRepository.margin(next.probabilities()));
                p.setString(k++, now);
                p.setLong(k, imageId);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** The image's predictions, newest first: the current one, then those it replaced. Empty when no such image. */
    public Optional<List<PastPrediction>> history(long imageId) throws SQLException {
        return db.read(c -> {
            List<PastPrediction> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT model_id, predicted_class, predicted_prob, margin,"
                    + " accepted, COALESCE(predicted_at, created) FROM image WHERE id = ?")) {
                p.setLong(1, imageId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    out.add(past(r, true, null));
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT model_id, predicted_class, predicted_prob, margin,"
                    + " accepted, predicted_at, replaced_at FROM prediction_history WHERE image_id = ? ORDER BY id DESC")) {
                p.setLong(1, imageId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(past(r, false, r.getString(7)));
                    }
                }
            }
            return Optional.of(out);
        });
    }

    private static PastPrediction past(ResultSet r, boolean current, String replacedAt) throws SQLException {
        double margin = r.getDouble(4);
        Double m = r.wasNull() ? null : margin;
        boolean accepted = r.getBoolean(5);
        Boolean a = r.wasNull() ? null : accepted;
        return new PastPrediction(current, r.getString(1), r.getString(2), r.getDouble(3), m, a, r.getString(6),
                replacedAt);
    }
}
