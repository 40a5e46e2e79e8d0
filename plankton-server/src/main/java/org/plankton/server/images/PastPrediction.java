package org.plankton.server.images;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One prediction an image has had, as {@code GET /api/images/{id}/predictions} lists it.
 *
 * @param current     true for the image's prediction now (the first of the list); false for replaced ones
 * @param predictedAt when the model made it
 * @param replacedAt  when a later model's prediction replaced it; null for the current one
 * @param margin      top probability minus the second; null when not stored
 * @param accepted    the reject option's verdict; null when not computed
 */
public record PastPrediction(@JsonProperty("current") boolean current, @JsonProperty("model") String modelId,
                             @JsonProperty("predicted_class") String predictedClass,
                             @JsonProperty("probability") double probability, @JsonProperty("margin") Double margin,
                             @JsonProperty("accepted") Boolean accepted,
                             @JsonProperty("predicted_at") String predictedAt,
                             @JsonProperty("replaced_at") String replacedAt) {
}
