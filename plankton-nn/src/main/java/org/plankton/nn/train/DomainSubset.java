package org.plankton.nn.train;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.plankton.core.image.GrayImage;

/**
 * The images the out-of-domain model is fitted on at the end of training: all of them up to
 * {@link #MAX_IMAGES}, else a stratified subset (every class keeps its share, and at least one image)
 * drawn with a fixed seed. The fit keeps one 592-float feature row per image, so a million-image
 * archive would need 2.4 GB for them; 50,000 rows estimate class means and a shared covariance of
 * rank 128 as well.
 *
 * @param images a view of the chosen images (streamed images are decoded only when read)
 */
record DomainSubset(List<GrayImage> images, int[] labels) {

    static final int MAX_IMAGES = 50_000;

    static DomainSubset of(List<GrayImage> images, int[] labels, int max) {
        if (images.size() <= max) {
            return new DomainSubset(images, labels);
        }
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(17);
        List<Integer> chosen = new ArrayList<>();
        double share = (double) max / images.size();
        for (List<Integer> members : byClass.values()) {
            java.util.Collections.shuffle(members, random);
            int keep = Math.max(1, (int) Math.floor(members.size() * share));
            chosen.addAll(members.subList(0, Math.min(keep, members.size())));
        }
        chosen.sort(null);
        int[] picked = chosen.stream().mapToInt(Integer::intValue).toArray();
        int[] pickedLabels = new int[picked.length];
        for (int k = 0; k < picked.length; k++) {
            pickedLabels[k] = labels[picked[k]];
        }
        List<GrayImage> view = new AbstractList<>() {
            @Override
            public GrayImage get(int k) {
                return images.get(picked[k]);
            }

            @Override
            public int size() {
                return picked.length;
            }
        };
        return new DomainSubset(view, pickedLabels);
    }
}
