package org.plankton.nn.train;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.plankton.core.data.Sample;
import org.plankton.core.data.SkippedFile;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;

/**
 * Labelled images decoded when they are asked for, for a training set larger than the heap: the
 * list holds paths, and a bounded least-recently-used cache of decoded images (by bytes). The batch
 * pipeline's loader threads call {@link #get} in parallel, so decoding runs on those threads beside
 * the network.
 *
 * <p>A file that cannot be decoded is found only when it is first asked for, mid-training. It is
 * recorded in {@link #failures()} with the reason and replaced, then and in every later epoch, by the
 * next readable image of the same class in the list, so that a batch keeps its size and every label
 * stays true; a class with no readable image at all stops the run with a message naming it.
 */
final class StreamingImages extends AbstractList<GrayImage> implements RandomAccess {

    /** Bytes an image costs on the heap beyond its pixels (the record, the array header). */
    static final int OVERHEAD_BYTES = 64;

    private final List<Sample> samples;
    private final ImageDecoder decoder;
    private final long cacheBytes;
    /** Index of the next sample of the same class, cyclically: where a replacement comes from. */
    private final int[] nextOfClass;
    private final LinkedHashMap<Integer, GrayImage> cache = new LinkedHashMap<>(1024, 0.75f, true);
    private long cachedBytes;
    private final Map<Integer, SkippedFile> failures = new ConcurrentHashMap<>();
    private final AtomicLong decoded = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();

    /**
     * @param cacheBytes most bytes of decoded images to keep (0: none)
     */
    StreamingImages(List<Sample> samples, ImageDecoder decoder, long cacheBytes) {
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cache bytes must be >= 0, got " + cacheBytes);
        }
        this.samples = List.copyOf(samples);
        this.decoder = decoder;
        this.cacheBytes = cacheBytes;
        this.nextOfClass = nextOfClass(this.samples);
    }

    @Override
    public int size() {
        return samples.size();
    }

    /**
     * Image {@code index}, or the next readable image of its class if it cannot be decoded.
     *
     * @throws IllegalStateException if no image of that class can be decoded
     */
    @Override
    public GrayImage get(int index) {
        int i = index;
        do {
            if (!failures.containsKey(i)) {
                GrayImage g = load(i);
                if (g != null) {
                    return g;
                }
            }
            i = nextOfClass[i];
        } while (i != index);
        throw new IllegalStateException("no image of class " + samples.get(index).label() + " can be decoded (first: "
                + failures.get(index) + ")");
    }

    /** Files that could not be decoded so far, each once, in list order. */
    List<SkippedFile> failures() {
        List<Integer> keys = new ArrayList<>(failures.keySet());
        keys.sort(null);
        return keys.stream().map(failures::get).toList();
    }

    /** Images decoded so far, and how many requests the cache answered. */
    long decodedCount() {
        return decoded.get();
    }

    long cacheHits() {
        return hits.get();
    }

    /** The decoded image, or null after recording why it cannot be decoded. */
    private GrayImage load(int i) {
        synchronized (cache) {
            GrayImage g = cache.get(i);
            if (g != null) {
                hits.incrementAndGet();
                return g;
            }
        }
        GrayImage g;
        try {
            g = decoder.decode(samples.get(i).path());
        } catch (ImageDecodeException e) {
            failures.putIfAbsent(i, new SkippedFile(samples.get(i).path(), SkippedFile.Kind.UNREADABLE, e.reason()));
            return null;
        }
        decoded.incrementAndGet();
        long bytes = bytes(g);
        if (bytes <= cacheBytes) {
            synchronized (cache) {
                if (cache.put(i, g) == null) {
                    cachedBytes += bytes;
                }
                var it = cache.values().iterator();
                while (cachedBytes > cacheBytes && it.hasNext()) {
                    cachedBytes -= bytes(it.next());
                    it.remove();
                }
            }
        }
        return g;
    }

    static long bytes(GrayImage g) {
        return (long) g.pixels().length + OVERHEAD_BYTES;
    }

    private static int[] nextOfClass(List<Sample> samples) {
        int[] next = new int[samples.size()];
        Map<Integer, Integer> first = new HashMap<>();
        Map<Integer, Integer> last = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            int label = samples.get(i).label();
            Integer previous = last.put(label, i);
            if (previous == null) {
                first.put(label, i);
            } else {
                next[previous] = i;
            }
        }
        for (Map.Entry<Integer, Integer> e : last.entrySet()) {
            next[e.getValue()] = first.get(e.getKey());
        }
        return next;
    }
}
