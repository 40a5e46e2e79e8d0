package org.plankton.server.retrain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Where a retrained version came from, written as {@code provenance.json} next to its bundle so the
 * answer survives restarts: which samples and how many reviews, which model it started from, and
 * how old and new did on the held-out reviewed images.
 */
public record Provenance(@JsonProperty("version") String version,
                         @JsonProperty("base_model_id") String baseModelId,
                         @JsonProperty("base_model_directory") String baseModelDirectory,
                         @JsonProperty("samples") List<Long> samples,
                         @JsonProperty("reviews") int reviews,
                         @JsonProperty("train_images") int trainImages,
                         @JsonProperty("base_images") int baseImages,
                         @JsonProperty("skipped_labels") int skippedLabels,
                         @JsonProperty("epochs") int epochs,
                         @JsonProperty("held_out_old") HeldOutScore heldOutOld,
                         @JsonProperty("held_out_new") HeldOutScore heldOutNew,
                         @JsonProperty("created") String created) {
}
