package org.plankton.server.retrain;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Progress of classifying every stored image again after a version was activated, as each entry of
 * {@code GET /api/models} shows it under {@code repredict}.
 *
 * @param state running, done, failed or cancelled (a later activation cancels it)
 * @param done  images handled so far (re-predicted, or already the version's, or unreadable)
 * @param total images stored when it started
 */
public record RepredictStatus(@JsonProperty("state") String state, @JsonProperty("done") long done,
                              @JsonProperty("total") long total) {
}
