package org.plankton.core.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Train/validation split that keeps each class's share in both parts, reproducible bit for bit.
 *
 * <p>Why per class: with 121 classes, several with a handful of images, a plain random split
 * leaves rare classes out of validation (or out of training). Why {@link Random}: its linear
 * congruential algorithm is part of the Java specification, so a seed gives the same split on
 * every machine and JVM; the shuffle is written out here for the same reason (the JDK's
 * {@code Collections.shuffle} algorithm is only an implementation note). Each class gets its own
 * generator seeded from the seed and the class index, so adding images to one class does not
 * reshuffle the others.
 */
public final class StratifiedSplit {

    /** Both parts, each sorted by path string. */
    public record Split(List<Sample> train, List<Sample> validation) {
        public Split {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
        }
    }

    private static final Comparator<Sample> BY_PATH =
            Comparator.comparing((Sample s) -> s.path().toString()).thenComparingInt(Sample::label);

    private StratifiedSplit() {
    }

    /**
     * Splits samples per class: of a class's {@code n} samples, {@code round(n * valFraction)} go
     * to validation, but at least 1 when {@code n >= 2} and {@code valFraction > 0}, and never all
     * of them (a class must be trainable). A class with one sample stays in training.
     *
     * @param valFraction share of each class for validation, in [0, 1); 0 gives an empty validation
     * @param seed        the run's seed (recorded in provenance)
     */
    public static Split split(List<Sample> samples, double valFraction, long seed) {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("valFraction must be in [0, 1), got " + valFraction);
        }
        TreeMap<Integer, List<Sample>> byClass = new TreeMap<>();
        for (Sample s : samples) {
            byClass.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
        }
        List<Sample> train = new ArrayList<>();
        List<Sample> validation = new ArrayList<>();
        byClass.forEach((label, members) -> {
            members.sort(BY_PATH);
            int n = members.size();
            int k = validationCount(n, valFraction);
            shuffle(members, new Random(seed ^ mix(label)));
            validation.addAll(members.subList(0, k));
            train.addAll(members.subList(k, n));
        });
        train.sort(BY_PATH);
        validation.sort(BY_PATH);
        return new Split(train, validation);
    }

    static int validationCount(int n, double valFraction) {
        if (valFraction == 0 || n < 2) {
            return 0;
        }
        long k = Math.round(n * valFraction);
        return (int) Math.min(n - 1, Math.max(1, k));
    }

    /** Spreads class indices over all 64 bits so neighbouring classes get unrelated streams. */
    private static long mix(int label) {
        return (label + 1L) * 0x9E3779B97F4A7C15L;
    }

    /** Fisher-Yates, from the last element down, as specified here rather than by the JDK. */
    private static void shuffle(List<Sample> list, Random rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Sample t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
