package org.plankton.server.ingest;

import org.plankton.server.inference.Prediction;

/**
 * What became of one uploaded file: classified (and, for a sample upload, stored or found to be
 * a duplicate), or refused with a reason. A batch answers with one outcome per file, in order,
 * so one bad file never spoils the others.
 *
 * @param state      {@code classified}, {@code created}, {@code duplicate} or {@code error}
 * @param imageId    the stored image (sample uploads), else null
 * @param prediction the model's answer; null for errors and duplicates
 */
public record Outcome(String name, String state, String sha256, String format, Integer width, Integer height,
                      Long imageId, Prediction prediction, String error) {

    static Outcome error(String name, String sha256, String reason) {
        return new Outcome(name, "error", sha256, null, null, null, null, null, reason);
    }
}
