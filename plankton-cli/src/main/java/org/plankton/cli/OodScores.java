package org.plankton.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.plankton.core.domain.DomainFile;
import org.plankton.core.domain.DomainModel;
import org.plankton.nn.engine.FeatureBatch;

/** The baseline scores the benchmark compares with; higher = more out-of-domain, like the Mahalanobis score. */
public final class OodScores {

    private OodScores() {
    }

    /** Minus the largest softmax probability (raw logits, temperature 1). */
    public static double[] msp(FeatureBatch b) {
        float[][] p = b.probabilities();
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double max = 0;
            for (float v : p[i]) {
                max = Math.max(max, v);
            }
            out[i] = -max;
        }
        return out;
    }

    /** Energy: minus logsumexp of the logits. */
    public static double[] energy(FeatureBatch b) {
        double[] out = new double[b.logits().length];
        for (int i = 0; i < out.length; i++) {
            float[] z = b.logits()[i];
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : z) {
                sum += Math.exp(v - max);
            }
            out[i] = -(max + Math.log(sum));
        }
        return out;
    }

    /** {@code m} written as domain.json and read back: what a bundle really scores with (float16 tables). */
    public static DomainModel roundTrip(DomainModel m) throws IOException {
        Path tmp = Files.createTempFile("domain", ".json");
        try {
            DomainFile.write(m.withThreshold(0, 0.95), tmp);
            System.err.printf("domain.json at rank %d: %d bytes%n", m.rank(), Files.size(tmp));
            return DomainFile.read(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
