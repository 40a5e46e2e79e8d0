package org.plankton.server.abundance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plankton.core.output.CountIntervals;
import org.plankton.server.images.ClassCount;
import org.plankton.server.images.LabelledArea;
import org.plankton.server.samples.Sample;

/**
 * A sample's classes with intervals, concentrations and sizes. The interval is the percentile
 * bootstrap of {@link CountIntervals#bootstrapLabels} over the images' current labels (reviewed,
 * else predicted): sampling noise of the counted individuals, the same method as the classify
 * command's abundance table, seeded by the sample's id so a page reload shows the same numbers.
 */
public final class SampleAbundance {

    private SampleAbundance() {
    }

    /**
     * @param counts the sample's per-class counts (their order is kept)
     * @param images every image's current label and area; a label missing from {@code counts}
     *               (an image added between the two reads) is left out of the intervals
     */
    public static List<ClassAbundance> of(Sample sample, List<ClassCount> counts, List<LabelledArea> images) {
        Map<String, Integer> index = new HashMap<>();
        for (ClassCount c : counts) {
            index.put(c.label(), index.size());
        }
        List<List<Double>> areas = new ArrayList<>();
        counts.forEach(c -> areas.add(new ArrayList<>()));
        int[] labels = new int[images.size()];
        int n = 0;
        for (LabelledArea i : images) {
            Integer k = index.get(i.label());
            if (k != null) {
                labels[n++] = k;
                areas.get(k).add(i.areaPx());
            }
        }
        double[][] interval = CountIntervals.bootstrapLabels(java.util.Arrays.copyOf(labels, n), counts.size(),
                "sample-" + sample.id());
        Double volume = sample.metadata().imagedVolumeL();
        List<ClassAbundance> out = new ArrayList<>(counts.size());
        for (int k = 0; k < counts.size(); k++) {
            ClassCount c = counts.get(k);
            out.add(new ClassAbundance(c, interval[0][k], interval[1][k],
                    Concentration.of(c.current(), interval[0][k], interval[1][k], volume),
                    ClassSize.of(areas.get(k), sample.metadata().pixelSizeUm())));
        }
        return out;
    }
}
