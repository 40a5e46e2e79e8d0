package org.plankton.server.retrain;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One row of the learning report ({@code GET /api/retrain/report}, issue 19, item 6): how many reviewed
 * images a retrained version took and what it gained on the held-out fifth of the reviewed images. The
 * held-out set is fixed by a hash of each image id, so rows of versions trained on the same samples
 * compare like with like. Figures are null when the version had no held-out images (or predates them).
 *
 * @param reviews       validated and corrected images of the samples, held-out ones included
 * @param trainImages   reviewed images trained on (base-data images not counted)
 * @param accuracyGain  accuracy new minus old
 */
public record LearningRow(@JsonProperty("version") String version, @JsonProperty("reviews") int reviews,
                          @JsonProperty("train_images") int trainImages,
                          @JsonProperty("held_out_images") int heldOutImages,
                          @JsonProperty("accuracy_old") Double accuracyOld,
                          @JsonProperty("accuracy_new") Double accuracyNew,
                          @JsonProperty("accuracy_gain") Double accuracyGain,
                          @JsonProperty("log_loss_old") Double logLossOld,
                          @JsonProperty("log_loss_new") Double logLossNew) {

    static LearningRow of(Provenance p) {
        HeldOutScore old = p.heldOutOld();
        HeldOutScore fresh = p.heldOutNew();
        int held = p.heldOutImages() != null ? p.heldOutImages() : fresh == null ? 0 : fresh.images();
        return new LearningRow(p.version(), p.reviews(), p.trainImages(), held,
                figure(old, true), figure(fresh, true),
                p.accuracyGain() != null ? p.accuracyGain() : old == null || fresh == null ? null : Provenance.gain(old, fresh),
                figure(old, false), figure(fresh, false));
    }

    private static Double figure(HeldOutScore s, boolean accuracy) {
        if (s == null || s.images() == 0) {
            return null;
        }
        return accuracy ? s.accuracy() : s.logLoss();
    }
}
