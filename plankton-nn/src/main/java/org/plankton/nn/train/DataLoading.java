package org.plankton.nn.train;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.plankton.core.data.Sample;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;

/**
 * How a training run holds its images: all decoded in memory before the first epoch (fast, the
 * usual case: NDSB's 25,791 images take about 140 MB, from the 5.3 GB estimated for 39 copies), or decoded on the fly by the loader threads
 * with a bounded cache ({@link StreamingImages}), for archives of millions of images that would not
 * fit in the heap. {@link #AUTO} decides from an estimate made on a few decoded images.
 */
public enum DataLoading {
    AUTO, MEMORY, STREAM;

    /** Share of the heap the decoded images may take before AUTO streams; the rest is the network's and the batches'. */
    static final double MEMORY_SHARE = 0.4;
    /** Images decoded to estimate the mean decoded size. */
    static final int PROBE = 200;

    /** The lowercase name the command line takes. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code auto}, {@code memory} or {@code stream}. */
    public static DataLoading parse(String s) {
        for (DataLoading d : values()) {
            if (d.cliName().equals(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown data loading '" + s + "' (known: auto, memory, stream)");
    }

    /**
     * Whether to stream these images with {@code maxHeapBytes} of heap: MEMORY and STREAM say so;
     * AUTO streams when the estimated decoded size exceeds {@link #MEMORY_SHARE} of the heap.
     */
    boolean streams(List<Sample> all, long maxHeapBytes, PrintStream out) {
        if (this != AUTO) {
            return this == STREAM;
        }
        long estimate = estimateDecodedBytes(all, new ImageDecoder());
        boolean stream = estimate > MEMORY_SHARE * maxHeapBytes;
        out.printf(Locale.ROOT, "data loading: %s (decoded images estimated at %.0f MB, heap %.0f MB; --data-loading "
                        + "memory|stream overrides)%n", stream ? "streaming from disk" : "in memory", estimate / 1e6,
                maxHeapBytes / 1e6);
        return stream;
    }

    /** Mean decoded size of up to {@link #PROBE} images spread evenly over the list, times its length. */
    static long estimateDecodedBytes(List<Sample> all, ImageDecoder decoder) {
        if (all.isEmpty()) {
            return 0;
        }
        int probe = Math.min(PROBE, all.size());
        long bytes = 0;
        int decoded = 0;
        for (int k = 0; k < probe; k++) {
            int i = (int) ((long) k * all.size() / probe);
            try {
                GrayImage g = decoder.decode(all.get(i).path());
                bytes += StreamingImages.bytes(g);
                decoded++;
            } catch (ImageDecodeException e) {
                // unreadable files cost nothing in memory; they are reported when the data is loaded
            }
        }
        return decoded == 0 ? 0 : Math.round((double) bytes / decoded * all.size());
    }
}
