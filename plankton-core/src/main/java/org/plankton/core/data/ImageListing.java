package org.plankton.core.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ImageFiles#list} found: the image files, and every other entry with why it was not
 * taken. Every entry under the roots is in exactly one of the two lists (a hidden folder counts as
 * one entry: it is not searched). Both are sorted by path string.
 */
public record ImageListing(List<Path> images, List<SkippedFile> skipped) {

    public ImageListing {
        images = List.copyOf(images);
        skipped = List.copyOf(skipped);
    }

    public SkipCounts counts() {
        return SkipCounts.of(skipped);
    }

    /** The skipped entries of one kind, in order. */
    public List<SkippedFile> skipped(SkippedFile.Kind kind) {
        return skipped.stream().filter(s -> s.kind() == kind).toList();
    }
}
