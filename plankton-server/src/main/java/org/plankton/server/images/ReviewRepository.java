package org.plankton.server.images;

import static org.plankton.server.images.ImageRows.FROM;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plankton.server.db.Database;

/**
 * Reviews of images: validate, correct, dubious, batch validation and undo. Append-only: a review
 * is never updated or deleted; an undo is a new review that restores the state before the one it
 * undoes, so the history of every image stays complete, and two reviewers at once both end up in it.
 * Split from {@link ImageRepository}, which stores the images and predictions and delegates here.
 */
public final class ReviewRepository {

    private final Database db;

    public ReviewRepository(Database db) {
        this.db = db;
    }

    /**
     * Appends a review. {@code label} null with {@link Action#VALIDATE} or {@link Action#DUBIOUS}
     * keeps the current label as read inside the same transaction. Returns empty when the image
     * does not exist. {@code who} is required: a review always names its reviewer.
     */
    public Optional<Annotation> annotate(long imageId, Action action, String label, String who) throws SQLException {
        if (action == Action.RESET) {
            throw new IllegalArgumentException("a reset is only written by an undo");
        }
        if (action == Action.CORRECT && (label == null || label.isBlank())) {
            throw new IllegalArgumentException("a correction needs a label");
        }
        if (label != null && (label.isBlank() || label.length() > ImageRepository.MAX_LABEL)) {
            throw new IllegalArgumentException("label must be 1 to " + ImageRepository.MAX_LABEL + " characters");
        }
        String person = reviewer(who);
        return db.transaction(c -> {
            Optional<String> current = currentLabel(c, imageId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            String finalLabel = label != null ? label.strip() : current.get();
            return Optional.of(insert(c, imageId, action, finalLabel, person, null));
        });
    }

    /** The reviewer's name, stripped; blank is refused (reviews are never anonymous). */
    private static String reviewer(String who) {
        if (who == null || who.isBlank()) {
            throw new IllegalArgumentException("a review needs 'who': the reviewer's name");
        }
        String person = who.strip();
        if (person.length() > ImageRepository.MAX_WHO) {
            throw new IllegalArgumentException("'who' must be at most " + ImageRepository.MAX_WHO + " characters");
        }
        return person;
    }

    private static Optional<String> currentLabel(Connection c, long imageId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(a.label, i.predicted_class)" + FROM + " WHERE i.id = ?")) {
            p.setLong(1, imageId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    private static Annotation insert(Connection c, long imageId, Action action, String label, String who, Long undoes)
            throws SQLException {
        String created = ImageRows.now();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO annotation (image_id, action, label, who, created,"
                + " undoes) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            p.setLong(1, imageId);
            p.setString(2, action.json());
            p.setString(3, label);
            p.setString(4, who);
            p.setString(5, created);
            if (undoes == null) {
                p.setNull(6, java.sql.Types.BIGINT);
            } else {
                p.setLong(6, undoes);
            }
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return new Annotation(r.getLong(1), imageId, action.json(), label, who, created, undoes);
            }
        }
    }

    /**
     * Validates these images of a sample (their current labels) in one transaction; ids not in the
     * sample are refused before anything is written.
     */
    public List<Annotation> validateAll(long sampleId, List<Long> imageIds, String who) throws SQLException {
        String person = reviewer(who);
        return db.transaction(c -> {
            List<Annotation> out = new ArrayList<>();
            for (long id : imageIds) {
                if (!inSample(c, sampleId, id)) {
                    throw new IllegalArgumentException("image " + id + " is not in sample " + sampleId);
                }
            }
            for (long id : new java.util.LinkedHashSet<>(imageIds)) {
                out.add(insert(c, id, Action.VALIDATE, currentLabel(c, id).orElseThrow(), person, null));
            }
            return out;
        });
    }

    /**
     * Validates every unreviewed image of a sample that the gallery shows under {@code label}
     * and the model gave at least {@code minProb}: reviewed images (validated, corrected,
     * dubious) are a person's decision and stay as they are.
     */
    public List<Annotation> validateGroup(long sampleId, String label, double minProb, String who) throws SQLException {
        String person = reviewer(who);
        if (ImageRepository.UNCLASSIFIED.equals(label)) {
            throw new IllegalArgumentException("the model refused to classify the images under '" + ImageRepository.UNCLASSIFIED
                    + "': give each its class instead");
        }
        return db.transaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT i.id" + FROM + " WHERE i.sample_id = ?"
                    + " AND (a.id IS NULL OR a.action = 'reset') AND " + ImageRepository.SHOWN_CLASS + " = ? AND i.predicted_prob >= ?"
                    + " ORDER BY i.id")) {
                p.setLong(1, sampleId);
                p.setString(2, label);
                p.setDouble(3, minProb);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
            List<Annotation> out = new ArrayList<>();
            for (long id : ids) {
                out.add(insert(c, id, Action.VALIDATE, currentLabel(c, id).orElseThrow(), person, null));
            }
            return out;
        });
    }

    private static boolean inSample(Connection c, long sampleId, long imageId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM image WHERE id = ? AND sample_id = ?")) {
            p.setLong(1, imageId);
            p.setLong(2, sampleId);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Why an undo cannot be done: nothing to undo, or the image was reviewed again since. */
    public static final class UndoConflict extends RuntimeException {
        public UndoConflict(String message) {
            super(message);
        }
    }

    /**
     * Undoes review {@code annotationId} of an image (its latest when null) by appending a review
     * that restores the state before it: the previous review's action and label, or a reset to
     * the prediction when it was the first. Nothing is deleted. Refused ({@link UndoConflict})
     * when the image has no reviews, or its state is no longer the one that review left (someone
     * reviewed it since). Returns empty when the image does not exist.
     */
    public Optional<Annotation> undo(long imageId, Long annotationId, String who) throws SQLException {
        String person = reviewer(who);
        return db.transaction(c -> {
            if (currentLabel(c, imageId).isEmpty()) {
                return Optional.empty();
            }
            List<Annotation> h = history(c, imageId);
            if (h.isEmpty()) {
                throw new UndoConflict("image " + imageId + " has no review to undo");
            }
            int k = h.size() - 1;
            if (annotationId != null) {
                k = -1;
                for (int j = 0; j < h.size(); j++) {
                    if (h.get(j).id() == annotationId) {
                        k = j;
                    }
                }
                if (k < 0) {
                    throw new IllegalArgumentException("review " + annotationId + " is not one of image " + imageId + "'s");
                }
            }
            Annotation target = h.get(k);
            Annotation now = h.get(h.size() - 1);
            if (!sameState(target, now)) {
                throw new UndoConflict("image " + imageId + " was reviewed again since (by " + now.who() + ", "
                        + now.action() + (now.label() == null ? "" : " " + now.label()) + "): not undone");
            }
            Action restored = k == 0 ? Action.RESET : Action.parse(h.get(k - 1).action());
            String label = k == 0 ? null : h.get(k - 1).label();
            return Optional.of(insert(c, imageId, restored, label, person, target.id()));
        });
    }

    private static boolean sameState(Annotation a, Annotation b) {
        return Action.parse(a.action()).status() == Action.parse(b.action()).status()
                && java.util.Objects.equals(a.label(), b.label());
    }

    /** An image's review history, oldest first. */
    public List<Annotation> history(long imageId) throws SQLException {
        return db.read(c -> history(c, imageId));
    }

    private static List<Annotation> history(Connection c, long imageId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, image_id, action, label, who, created, undoes FROM annotation WHERE image_id = ? ORDER BY id")) {
            p.setLong(1, imageId);
            List<Annotation> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long undoes = r.getLong(7);
                    Long u = r.wasNull() ? null : undoes;
                    out.add(new Annotation(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), u));
                }
            }
            return out;
        }
    }
}
