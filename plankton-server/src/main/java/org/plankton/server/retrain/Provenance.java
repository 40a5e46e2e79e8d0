package org.plankton.server.retrain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Where a retrained version came from, written as {@code provenance.json} next to its bundle so the
 * answer survives restarts: which samples and how many reviews, which model it started from, and
 * how old and new did on the held-out reviewed images.
 *
 * <p>The learning figures (issue 19, item 6): {@code validatedImages} reviewed images trained on,
 * {@code heldOutImages} reviewed images scored (the fixed hash fifth, so versions are comparable), and
 * {@code accuracyGain} new minus old held-out accuracy (null without held-out images).
 * {@code newClasses}: classes the reviews added (empty when none). Versions written before these
 * fields existed read them as null.
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
                         @JsonProperty("created") String created,
                         @JsonProperty("new_classes") List<String> newClasses,
                         @JsonProperty("validated_images") Integer validatedImages,
                         @JsonProperty("held_out_images") Integer heldOutImages,
                         @JsonProperty("accuracy_gain") Double accuracyGain) {

    /** New minus old held-out accuracy; null when there were no held-out images to compare on. */
    static Double gain(HeldOutScore old, HeldOutScore fresh) {
        if (old.images() == 0 || fresh.images() == 0) {
            return null;
        }
        return fresh.accuracy() - old.accuracy();
    }
}
