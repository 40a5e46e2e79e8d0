package org.plankton.server.retrain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.InferenceSettings;

/**
 * A model's accuracy and log loss on the held-out reviewed images: the figure that tells a reviewer
 * whether switching to a retrained version is worth it. Images whose label the model does not know
 * count as wrong with the probability floor, so a model is not flattered by leaving classes out.
 *
 * @param images   held-out images scored (0: no figures; accuracy and log loss are NaN)
 * @param accuracy share whose top class is the reviewed label
 * @param logLoss  mean negative log probability of the reviewed label (floored at 1e-15)
 */
public record HeldOutScore(@JsonProperty("images") int images, @JsonProperty("accuracy") double accuracy,
                           @JsonProperty("log_loss") double logLoss) {

    private static final double FLOOR = 1e-15;

    static HeldOutScore of(Path model, InferenceSettings settings, List<TrainingFolder.HeldOut> heldOut)
            throws BundleException, IOException {
        if (heldOut.isEmpty()) {
            return new HeldOutScore(0, Double.NaN, Double.NaN);
        }
        ImageDecoder decoder = new ImageDecoder();
        List<GrayImage> images = new ArrayList<>();
        for (TrainingFolder.HeldOut h : heldOut) {
            try {
                images.add(decoder.decode(h.file()));
            } catch (ImageDecodeException e) {
                throw new IOException("held-out image " + h.imageId() + " unreadable: " + e.getMessage(), e);
            }
        }
        try (Classifier c = Classifier.load(model, settings, settings.inferenceEngine())) {
            float[][] probs = c.predict(images);
            int correct = 0;
            double loss = 0;
            for (int i = 0; i < probs.length; i++) {
                var idx = c.classes().find(heldOut.get(i).label());
                double p = idx.isPresent() ? probs[i][idx.get()] : 0;
                loss -= Math.log(Math.max(FLOOR, p));
                if (idx.isPresent() && argmax(probs[i]) == idx.get()) {
                    correct++;
                }
            }
            return new HeldOutScore(probs.length, (double) correct / probs.length, loss / probs.length);
        }
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
