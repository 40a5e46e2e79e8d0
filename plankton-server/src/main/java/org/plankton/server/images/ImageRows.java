package org.plankton.server.images;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.plankton.server.inference.Trust;

/**
 * The SQL shape of an image row, shared by {@link ImageRepository}'s queries: the joined columns,
 * the filters of an {@link ImageQuery}, and the trust columns (V2) read and written. Kept apart so
 * the repository holds the transactions and this holds the column lists, which change together.
 */
final class ImageRows {

    static final String FROM = " FROM image i LEFT JOIN annotation a"
            + " ON a.id = (SELECT MAX(x.id) FROM annotation x WHERE x.image_id = i.id)";
    static final String COLUMNS = "SELECT i.id, i.sample_id, i.sha256, i.original_name, i.format, i.byte_size,"
            + " i.width, i.height, i.model_id, i.predicted_class, i.predicted_prob, i.probabilities, i.created,"
            + " i.ood_score, i.out_of_domain, i.group_name, i.group_prob, i.prediction_set, i.accepted,"
            + " a.id AS a_id, a.label AS a_label, a.who AS a_who, a.created AS a_created, a.action AS a_action";
    /** Reviewed and standing (validated or corrected): the annotation's action in SQL. */
    static final String REVIEWED = "a.action IN ('validate', 'correct')";
    /** The trust columns of an insert, in {@link #bindTrust} order. */
    static final String TRUST_COLUMNS = "ood_score, out_of_domain, group_name, group_prob, prediction_set, accepted";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private ImageRows() {
    }

    static ImageRecord row(ResultSet r) throws SQLException {
        long annotation = r.getLong("a_id");
        Status status = r.wasNull() ? Status.PREDICTED : Action.parse(r.getString("a_action")).status();
        boolean reviewed = status != Status.PREDICTED;
        String predicted = r.getString("predicted_class");
        return new ImageRecord(r.getLong("id"), r.getLong("sample_id"), r.getString("sha256"),
                r.getString("original_name"), r.getString("format"), r.getLong("byte_size"), r.getInt("width"),
                r.getInt("height"), r.getString("model_id"), predicted, r.getDouble("predicted_prob"),
                ProbabilitiesJson.read(r.getString("probabilities")), r.getString("created"),
                status, reviewed ? r.getString("a_label") : predicted,
                reviewed ? r.getString("a_who") : null, reviewed ? r.getString("a_created") : null, trust(r));
    }

    private static Trust trust(ResultSet r) throws SQLException {
        Double ood = r.getDouble("ood_score");
        ood = r.wasNull() ? null : ood;
        Boolean out = r.getBoolean("out_of_domain");
        out = r.wasNull() ? null : out;
        Double groupProb = r.getDouble("group_prob");
        groupProb = r.wasNull() ? null : groupProb;
        Boolean accepted = r.getBoolean("accepted");
        accepted = r.wasNull() ? null : accepted;
        String set = r.getString("prediction_set");
        return new Trust(ood, out, r.getString("group_name"), groupProb, set == null ? List.of() : names(set), accepted);
    }

    /** Binds {@link #TRUST_COLUMNS} from parameter {@code k} on. */
    static void bindTrust(PreparedStatement p, int k, Trust t) throws SQLException {
        setDouble(p, k++, t.oodScore());
        setBoolean(p, k++, t.outOfDomain());
        p.setString(k++, t.group());
        setDouble(p, k++, t.groupProbability());
        try {
            p.setString(k++, JSON.writeValueAsString(t.predictionSet()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        setBoolean(p, k, t.accepted());
    }

    private static List<String> names(String json) {
        try {
            return JSON.readValue(json, NAMES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("damaged prediction set in the database: " + e.getOriginalMessage(), e);
        }
    }

    static void setDouble(PreparedStatement p, int k, Double v) throws SQLException {
        if (v == null) {
            p.setNull(k, Types.DOUBLE);
        } else {
            p.setDouble(k, v);
        }
    }

    private static void setBoolean(PreparedStatement p, int k, Boolean v) throws SQLException {
        if (v == null) {
            p.setNull(k, Types.BOOLEAN);
        } else {
            p.setBoolean(k, v);
        }
    }

    static String where(ImageQuery q, List<Object> args) {
        StringBuilder w = new StringBuilder(" WHERE i.sample_id = ?");
        args.add(q.sampleId());
        if (q.predictedClass() != null) {
            w.append(" AND i.predicted_class = ?");
            args.add(q.predictedClass());
        }
        if (q.label() != null) {
            w.append(" AND COALESCE(a.label, i.predicted_class) = ?");
            args.add(q.label());
        }
        if (q.status() == Status.PREDICTED) {
            w.append(" AND (a.id IS NULL OR a.action = 'reset')");
        } else if (q.status() == Status.VALIDATED) {
            w.append(" AND " + REVIEWED);
        } else if (q.status() == Status.CORRECTED) {
            w.append(" AND " + REVIEWED + " AND a.label <> i.predicted_class");
        } else if (q.status() == Status.DUBIOUS) {
            w.append(" AND a.action = 'dubious'");
        }
        if (q.minProb() != null) {
            w.append(" AND i.predicted_prob >= ?");
            args.add(q.minProb());
        }
        if (q.maxProb() != null) {
            w.append(" AND i.predicted_prob <= ?");
            args.add(q.maxProb());
        }
        if (q.outOfDomain() != null) {
            w.append(" AND i.out_of_domain = ?");
            args.add(q.outOfDomain());
        }
        return w.toString();
    }

    static void bind(PreparedStatement p, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Long l) {
                p.setLong(i + 1, l);
            } else if (a instanceof Double d) {
                p.setDouble(i + 1, d);
            } else if (a instanceof Boolean b) {
                p.setBoolean(i + 1, b);
            } else {
                p.setString(i + 1, (String) a);
            }
        }
    }

    /** A timestamp for a new row: UTC, milliseconds, ISO-8601 (sorts as text). */
    static String now() {
        return java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }
}
