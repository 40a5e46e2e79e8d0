package org.plankton.server.images;

/**
 * Filters and paging for a sample's images. Null filters match everything.
 *
 * @param predictedClass only images the model put in this class
 * @param label          only images whose current label (after review) is this
 * @param status         only predicted or only validated images
 * @param minProb        predicted probability at least this
 * @param maxProb        predicted probability at most this
 * @param order          {@link Order#LEAST_CONFIDENT} puts the images most worth a human look first
 * @param outOfDomain    only images flagged out-of-domain (true) or scored and not flagged (false);
 *                       images never scored match neither
 */
public record ImageQuery(long sampleId, String predictedClass, String label, Status status, Double minProb,
                         Double maxProb, Order order, int limit, int offset, Boolean outOfDomain) {

    public static final int MAX_LIMIT = 1000;

    /** Row orders offered to clients. */
    public enum Order {
        ID("i.id"),
        LEAST_CONFIDENT("i.predicted_prob ASC, i.id"),
        MOST_CONFIDENT("i.predicted_prob DESC, i.id"),
        CLASS("i.predicted_class, i.predicted_prob DESC, i.id"),
        /**
         * Most informative first, spread over the predicted classes: each class's images ranked by
         * margin (top probability minus the second; the top probability for images stored without
         * one), then the first of every class, the second of every class, and so on, the smaller
         * margin first within a round. So the first page holds the hardest image of each class,
         * not only the hardest of the class the model is worst at.
         */
        INFORMATIVE("ROW_NUMBER() OVER (PARTITION BY i.predicted_class ORDER BY COALESCE(i.margin, i.predicted_prob), i.id), "
                + "COALESCE(i.margin, i.predicted_prob), i.id");

        final String sql;

        Order(String sql) {
            this.sql = sql;
        }

        public static Order parse(String s) {
            return switch (s) {
                case "id" -> ID;
                case "least_confident", "confidence_asc" -> LEAST_CONFIDENT;
                case "most_confident", "confidence_desc" -> MOST_CONFIDENT;
                case "class" -> CLASS;
                case "informative" -> INFORMATIVE;
                default -> throw new IllegalArgumentException(
                        "order must be id, least_confident, most_confident, class or informative, got '" + s + "'");
            };
        }
    }

    /** Without the out-of-domain filter. */
    public ImageQuery(long sampleId, String predictedClass, String label, Status status, Double minProb,
                      Double maxProb, Order order, int limit, int offset) {
        this(sampleId, predictedClass, label, status, minProb, maxProb, order, limit, offset, null);
    }

    public ImageQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "], got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        for (Double p : new Double[] {minProb, maxProb}) {
            if (p != null && !(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("confidence bounds must be in [0, 1], got " + p);
            }
        }
        if (order == null) {
            order = Order.ID;
        }
    }

    /** Every image of a sample, in upload order (for exports). */
    public static ImageQuery all(long sampleId) {
        return new ImageQuery(sampleId, null, null, null, null, null, Order.ID, MAX_LIMIT, 0);
    }
}
