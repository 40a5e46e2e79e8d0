package org.plankton.core.data;

import java.util.ArrayList;
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

    /**
     * Only the classes with at least {@code min} images (a class with one or two examples can be
     * neither learnt nor validated), relabelled in their sorted order; the files of dropped classes
     * are left out, not reported as unreadable.
     */
    public LabelledDataset keepClassesWithAtLeast(int min) {
        if (min <= 1) {
            return this;
        }
        int[] counts = new int[classes.size()];
        for (Sample s : samples) {
            counts[s.label()]++;
        }
        List<String> kept = new ArrayList<>();
        int[] newLabel = new int[classes.size()];
        for (int c = 0; c < classes.size(); c++) {
            newLabel[c] = counts[c] >= min ? kept.size() : -1;
            if (counts[c] >= min) {
                kept.add(classes.name(c));
            }
        }
        List<Sample> keptSamples = new ArrayList<>();
        for (Sample s : samples) {
            if (newLabel[s.label()] >= 0) {
                keptSamples.add(new Sample(s.path(), newLabel[s.label()]));
            }
        }
        return new LabelledDataset(ClassList.ordered(kept), keptSamples, skipped);
    }
}
