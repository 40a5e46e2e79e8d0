package org.plankton.core.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts images and flagged images per sample and in total, for domain-check and classify's warning. */
public final class DomainTally {

    /** One set of images: a sample folder, or everything. */
    public record Share(String sample, long images, long flagged, double outOfDomainFraction, String verdict) {

        static Share of(String sample, long images, long flagged) {
            double f = images == 0 ? 0 : (double) flagged / images;
            return new Share(sample, images, flagged, f, DomainVerdict.of(f).label());
        }
    }

    /** The whole check: totals first, then each sample (sorted by name). */
    public record Report(long images, long flagged, double outOfDomainFraction, String verdict, String advice,
                         List<Share> samples) {
    }

    private final Map<String, long[]> samples = new TreeMap<>();

    public void add(String sample, boolean flagged) {
        long[] c = samples.computeIfAbsent(sample, s -> new long[2]);
        c[0]++;
        if (flagged) {
            c[1]++;
        }
    }

    public List<Share> samples() {
        return samples.entrySet().stream().map(e -> Share.of(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** Samples with more than {@code fraction} of their images flagged. */
    public List<Share> samplesAbove(double fraction) {
        return samples().stream().filter(s -> s.outOfDomainFraction() > fraction).toList();
    }

    public Report report() {
        long images = samples.values().stream().mapToLong(c -> c[0]).sum();
        long flagged = samples.values().stream().mapToLong(c -> c[1]).sum();
        Share total = Share.of("(all)", images, flagged);
        return new Report(images, flagged, total.outOfDomainFraction(), total.verdict(),
                DomainVerdict.of(total.outOfDomainFraction()).advice(), samples());
    }
}
