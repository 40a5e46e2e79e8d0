package org.plankton.nn.infer;

import java.io.IOException;
import java.nio.file.Path;

/** Receives classification results in input order: one call per input file, success or failure. */
public interface ResultSink {

    /** Probabilities over the model's classes for one readable image. */
    void result(Path file, float[] probabilities) throws IOException;

    /**
     * As {@link #result(Path, float[])}, with the image's out-of-domain score (NaN when the model has no
     * domain model or scoring is off). The classifier calls this one.
     */
    default void result(Path file, float[] probabilities, double oodScore) throws IOException {
        result(file, probabilities);
    }

    /** An input that could not be classified, and why; the batch goes on. */
    void failure(Path file, String reason) throws IOException;
}
