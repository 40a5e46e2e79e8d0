package org.plankton.core.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.plankton.core.bundle.AtomicFiles;
import org.plankton.core.data.ClassList;
import org.plankton.core.data.Csv;
import org.plankton.core.quantify.PriorShift;
import org.plankton.core.metrics.Argmax;

/**
 * How many of each taxon a sample holds: per sample (the folder {@code level} levels above each
 * image), the number of images whose most probable class is each class, and the expected count,
 * the sum of that class's probabilities over the sample's images. With a calibrated model the
 * expected count is the better abundance estimate: it does not round every uncertain image to its
 * top class, which systematically favours the commoner of two look-alike classes.
 *
 * <p>Both still lean towards the training data's class mix, since the probabilities do. When the
 * model records that mix, an {@code adjusted_count} column gives each sample's mix re-estimated by
 * EM ({@link PriorShift}) times its images: the estimate to use when a sample's composition differs
 * from the training set's. Every row also carries a 95% bootstrap interval of the count and of the
 * expected count ({@link CountIntervals}). Both need every image's probabilities until the end (4
 * bytes per class and image: 0.5 GB for a million images of 121 classes), and the bootstrap costs
 * 1000 passes over each sample's images.
 */
public final class AbundanceTable {

    private final ClassList classes;
    private final int level;
    private final double[] trainPriors;
    private final Map<String, Sample> samples = new TreeMap<>();

    private static final class Sample {
        long images;
        final long[] top;
        final double[] expected;
        final List<float[]> probabilities = new java.util.ArrayList<>();

        Sample(int classes) {
            top = new long[classes];
            expected = new double[classes];
        }
    }

    /** @param level 1: the folder that holds the image; 2: the one above it; ... */
    public AbundanceTable(ClassList classes, int level) {
        this(classes, level, null);
    }

    /**
     * @param trainPriors the class mix the model's probabilities assume; null: no adjusted counts
     *                    (the column is then empty)
     */
    public AbundanceTable(ClassList classes, int level, double[] trainPriors) {
        if (level < 1) {
            throw new IllegalArgumentException("sample level must be >= 1, got " + level);
        }
        if (trainPriors != null && trainPriors.length != classes.size()) {
            throw new IllegalArgumentException("class priors for " + trainPriors.length + " classes, the model has "
                    + classes.size());
        }
        this.classes = classes;
        this.level = level;
        this.trainPriors = trainPriors == null ? null : trainPriors.clone();
    }

    /**
     * The sample an image belongs to (see {@link #sampleFolder}; the path made absolute and
     * normalised first), or {@code "(none)"} when its path has too few folders.
     */
    public static String sampleOf(Path image, int level) {
        List<String> names = new java.util.ArrayList<>();
        image.toAbsolutePath().normalize().forEach(name -> names.add(name.toString()));
        String folder = folderAbove(names, level);
        return folder == null ? "(none)" : folder;
    }

    /**
     * The one rule for which sample an image is in, shared by {@code classify --counts}, the domain
     * tallies and the Spark job: the name of the folder {@code level} levels above the file
     * ({@code 1} = the folder holding it). Instruments write one folder per sample (a cast, a tow, a
     * station), sometimes with sub-folders per hour or camera, hence the level.
     *
     * @param path  a path as text with {@code /} separators, without scheme or authority; empty
     *              segments ({@code //}, a trailing {@code /}) are skipped
     * @param level folders above the file, at least 1
     * @return the folder name, or {@code null} when the path has fewer folders than that
     */
    public static String sampleFolder(String path, int level) {
        return folderAbove(java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList(), level);
    }

    private static String folderAbove(List<String> segments, int level) {
        if (level < 1) {
            throw new IllegalArgumentException("sample level must be >= 1, got " + level);
        }
        int i = segments.size() - 1 - level;
        return i >= 0 ? segments.get(i) : null;
    }

    public void add(Path image, float[] probabilities) {
        if (probabilities.length != classes.size()) {
            throw new IllegalArgumentException("expected " + classes.size() + " probabilities, got " + probabilities.length);
        }
        Sample s = samples.computeIfAbsent(sampleOf(image, level), k -> new Sample(classes.size()));
        s.images++;
        for (int c = 0; c < probabilities.length; c++) {
            s.expected[c] += probabilities[c];
        }
        s.top[Argmax.of(probabilities)]++;
        s.probabilities.add(probabilities.clone());
    }

    /**
     * Writes {@code sample,images,class,count,expected_count,adjusted_count,count_low,count_high,
     * expected_low,expected_high}, one row per sample and class that was a top class or has an
     * expected or adjusted count of at least 0.0005; written atomically. {@code adjusted_count} is
     * empty when the model records no class mix. The last four: 95% bootstrap intervals of
     * {@code count} and {@code expected_count} ({@link CountIntervals}).
     */
    public void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("sample,images,class,count,expected_count,adjusted_count,count_low,count_high,"
                + "expected_low,expected_high\n");
        for (var e : samples.entrySet()) {
            Sample s = e.getValue();
            double[] adjusted = adjustedCounts(s);
            CountIntervals ci = CountIntervals.bootstrap(s.probabilities, classes.size(), e.getKey());
            for (int c = 0; c < classes.size(); c++) {
                boolean adjustedShows = adjusted != null && adjusted[c] >= 0.0005;
                if (s.top[c] == 0 && s.expected[c] < 0.0005 && !adjustedShows) {
                    continue;
                }
                sb.append(Csv.line(List.of(e.getKey(), Long.toString(s.images), classes.name(c), Long.toString(s.top[c]),
                        String.format(Locale.ROOT, "%.3f", s.expected[c]),
                        adjusted == null ? "" : String.format(Locale.ROOT, "%.3f", adjusted[c]),
                        String.format(Locale.ROOT, "%.0f", ci.countLow()[c]), String.format(Locale.ROOT, "%.0f", ci.countHigh()[c]),
                        String.format(Locale.ROOT, "%.3f", ci.expectedLow()[c]),
                        String.format(Locale.ROOT, "%.3f", ci.expectedHigh()[c])))).append('\n');
            }
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private double[] adjustedCounts(Sample s) {
        if (trainPriors == null) {
            return null;
        }
        double[] q = PriorShift.estimate(s.probabilities, trainPriors).proportions();
        double[] counts = new double[q.length];
        for (int c = 0; c < q.length; c++) {
            counts[c] = q[c] * s.images;
        }
        return counts;
    }

    /** Whether the table has adjusted counts (the model recorded its training class mix). */
    public boolean adjusts() {
        return trainPriors != null;
    }

    public int samples() {
        return samples.size();
    }
}
