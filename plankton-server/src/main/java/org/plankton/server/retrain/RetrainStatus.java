package org.plankton.server.retrain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What {@code GET /api/retrain} shows of a job.
 *
 * @param state       running, done, failed or cancelled
 * @param epoch       epochs finished so far
 * @param imagesDone  training images seen so far (epochs finished times the training set)
 * @param version     the version written, once done; null before
 * @param messages    the job's and the trainer's messages, the last {@link JobLog#MAX_LINES}
 */
public record RetrainStatus(@JsonProperty("job") String job,
                            @JsonProperty("state") String state,
                            @JsonProperty("epoch") int epoch,
                            @JsonProperty("epochs") int epochs,
                            @JsonProperty("train_images") int trainImages,
                            @JsonProperty("images_done") long imagesDone,
                            @JsonProperty("samples") List<Long> samples,
                            @JsonProperty("version") String version,
                            @JsonProperty("error") String error,
                            @JsonProperty("messages") List<String> messages) {
}
