package org.plankton.core.data;

import java.util.Collection;

/**
 * How many entries were skipped, by kind, worded the same way by every command's summary line:
 * {@code 3 unreadable, 1 skipped as not images, 2 hidden or own output files skipped}.
 *
 * <p>Unreadable and not-image counts are always shown, zero included, so that a user can add up
 * the line against the number of files they gave; the rarer kinds only when there are some.
 * Hidden files and our own outputs share a count: both are skipped on purpose, by name.
 */
public record SkipCounts(long unreadable, long notImages, long hiddenOrOwnOutput, long unused) {

    public SkipCounts {
        if (unreadable < 0 || notImages < 0 || hiddenOrOwnOutput < 0 || unused < 0) {
            throw new IllegalArgumentException("counts must not be negative, got " + unreadable + ", " + notImages
                    + ", " + hiddenOrOwnOutput + ", " + unused);
        }
    }

    public static SkipCounts of(Collection<SkippedFile> skipped) {
        long unreadable = 0;
        long notImages = 0;
        long hidden = 0;
        long unused = 0;
        for (SkippedFile s : skipped) {
            switch (s.kind()) {
                case UNREADABLE -> unreadable++;
                case NOT_IMAGE -> notImages++;
                case HIDDEN, OWN_OUTPUT -> hidden++;
                case UNUSED -> unused++;
            }
        }
        return new SkipCounts(unreadable, notImages, hidden, unused);
    }

    /** With images that were listed but then failed to decode, which are unreadable too. */
    public SkipCounts plusUnreadable(long n) {
        return new SkipCounts(unreadable + n, notImages, hiddenOrOwnOutput, unused);
    }

    public long total() {
        return unreadable + notImages + hiddenOrOwnOutput + unused;
    }

    /** The counts as the tail of a summary line, e.g. {@code 3 unreadable, 1 skipped as not images}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(unreadable).append(" unreadable, ").append(notImages).append(" skipped as not images");
        if (hiddenOrOwnOutput > 0) {
            sb.append(", ").append(hiddenOrOwnOutput).append(" hidden or own output ")
                    .append(hiddenOrOwnOutput == 1 ? "file" : "files").append(" skipped");
        }
        if (unused > 0) {
            sb.append(", ").append(unused).append(" not used");
        }
        return sb.toString();
    }
}
