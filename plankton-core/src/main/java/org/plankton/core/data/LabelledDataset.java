package org.plankton.core.data;

import java.util.List;

/**
 * Labelled image files and their class list, with every file that could not be used and why.
 */
public record LabelledDataset(ClassList classes, List<Sample> samples, List<SkippedFile> skipped) {
    public LabelledDataset {
        samples = List.copyOf(samples);
        skipped = List.copyOf(skipped);
        for (Sample s : samples) {
            if (s.label() >= classes.size()) {
                throw new IllegalArgumentException("label " + s.label() + " of " + s.path()
                        + " is out of range for " + classes.size() + " classes");
            }
        }
    }
}
