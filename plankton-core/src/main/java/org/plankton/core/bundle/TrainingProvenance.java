package org.plankton.core.bundle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trained model's {@code provenance.json} as a type: which code and platform ({@link Platform}),
 * which data and split ({@link DataSplit}) and how it was trained ({@link Run}). Training writes it,
 * and the commands that recreate the model's split or compare members read it, through these typed
 * accessors instead of string keys and casts scattered over the code.
 *
 * <p>The file format is unchanged: {@link #toMap()} writes the snake_case keys in the order training
 * always wrote them, leaving out absent (null) values, and {@link #fromMap} reads any bundle, old or
 * new. Keys this type does not know (e.g. {@code djl_version} in the DJL-era bundles), and known keys
 * whose value has an unexpected type, are kept in {@link #other} and written after the known ones,
 * so a round trip loses nothing. Every component may be null: a bundle records what its version knew.
 *
 * @param platform the code and machine that trained it
 * @param split    the data and the train/validation split
 * @param run      the settings, source model and timings
 * @param other    every other key of the file, in file order
 */
public record TrainingProvenance(Platform platform, DataSplit split, Run run, Map<String, Object> other) {

    public TrainingProvenance {
        platform = platform == null ? Platform.EMPTY : platform;
        split = split == null ? DataSplit.EMPTY : split;
        run = run == null ? Run.EMPTY : run;
        other = other == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    /** The fields of the file, as read from a bundle (see {@link ModelBundle#trainingProvenance()}). */
    public static TrainingProvenance fromMap(Map<String, Object> map) {
        Map<String, Object> rest = new LinkedHashMap<>(map);
        Platform platform = new Platform(string(rest, "plankton_version"), string(rest, "java_version"),
                string(rest, "java_vendor"), string(rest, "os"), integer(rest, "host_cores"), string(rest, "git_commit"),
                string(rest, "timestamp"));
        DataSplit split = new DataSplit(string(rest, "data"), string(rest, "data_fingerprint"),
                longValue(rest, "split_seed"), longValue(rest, "train_seed"), doubleValue(rest, "validation_fraction"),
                integer(rest, "min_images_per_class"), integer(rest, "train_images"), integer(rest, "validation_images"),
                integer(rest, "skipped_files"));
        Run run = new Run(object(rest, "train_config"), object(rest, "init"), object(rest, "pseudo_labels"),
                string(rest, "engine"), string(rest, "precision"), integer(rest, "epoch"),
                longValue(rest, "training_seconds"), longValue(rest, "wall_seconds_this_session"));
        return new TrainingProvenance(platform, split, run, rest);
    }

    /** The file's map: known keys in training's order, then {@link #other}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "plankton_version", platform.planktonVersion());
        put(m, "java_version", platform.javaVersion());
        put(m, "java_vendor", platform.javaVendor());
        put(m, "os", platform.os());
        put(m, "host_cores", platform.hostCores());
        put(m, "git_commit", platform.gitCommit());
        put(m, "timestamp", platform.timestamp());
        put(m, "data", split.data());
        put(m, "data_fingerprint", split.dataFingerprint());
        put(m, "split_seed", split.splitSeed());
        put(m, "train_seed", split.trainSeed());
        put(m, "validation_fraction", split.validationFraction());
        put(m, "min_images_per_class", split.minImagesPerClass());
        put(m, "train_images", split.trainImages());
        put(m, "validation_images", split.validationImages());
        put(m, "skipped_files", split.skippedFiles());
        put(m, "train_config", run.trainConfig());
        put(m, "init", run.init());
        put(m, "pseudo_labels", run.pseudoLabels());
        put(m, "engine", run.engine());
        put(m, "precision", run.precision());
        put(m, "epoch", run.epoch());
        put(m, "training_seconds", run.trainingSeconds());
        put(m, "wall_seconds_this_session", run.wallSecondsThisSession());
        other.forEach(m::putIfAbsent);
        return m;
    }

    /**
     * Which code on which machine, when ({@link Provenance}).
     *
     * @param hostCores available processors
     * @param gitCommit plankton's commit, "-dirty" when changed, or "unknown"
     * @param timestamp ISO-8601 instant, seconds
     */
    public record Platform(String planktonVersion, String javaVersion, String javaVendor, String os, Integer hostCores,
                           String gitCommit, String timestamp) {

        static final Platform EMPTY = new Platform(null, null, null, null, null, null, null);

        /** This process's: {@link Provenance#base()}. */
        public static Platform current() {
            return fromMap(Provenance.base()).platform();
        }
    }

    /**
     * The data a model was trained on and how it was split; enough to recreate its validation split.
     *
     * @param data               the data folder, absolute
     * @param dataFingerprint    {@link org.plankton.core.data.DataFingerprint} of the classes kept
     * @param splitSeed          seed of {@link org.plankton.core.data.StratifiedSplit}
     * @param trainSeed          seed of initialisation, order and augmentation
     * @param validationFraction share held out per class
     * @param minImagesPerClass  classes with fewer images were left out (absent in the oldest bundles: 1)
     */
    public record DataSplit(String data, String dataFingerprint, Long splitSeed, Long trainSeed,
                            Double validationFraction, Integer minImagesPerClass, Integer trainImages,
                            Integer validationImages, Integer skippedFiles) {

        static final DataSplit EMPTY = new DataSplit(null, null, null, null, null, null, null, null, null);

        /** Whether the split can be recreated: fingerprint, seed and fraction are recorded. */
        public boolean recorded() {
            return dataFingerprint != null && splitSeed != null && validationFraction != null;
        }

        /**
         * The first of {@code data_fingerprint}, {@code split_seed}, {@code validation_fraction} that
         * differs from {@code other}'s (absent on both counts as equal), or null when the splits are the same.
         */
        public String differenceFrom(DataSplit other) {
            if (!Objects.equals(dataFingerprint, other.dataFingerprint)) {
                return "data_fingerprint";
            }
            if (!Objects.equals(splitSeed, other.splitSeed)) {
                return "split_seed";
            }
            return Objects.equals(validationFraction, other.validationFraction) ? null : "validation_fraction";
        }

        /** {@link #minImagesPerClass}, or 1 (all classes kept) when the bundle predates it. */
        public int minImagesPerClassOrOne() {
            return minImagesPerClass == null ? 1 : minImagesPerClass;
        }
    }

    /**
     * How the model was trained.
     *
     * @param trainConfig  the training settings as saved (the trainer's own JSON form)
     * @param init         the warm start's source model, or null
     * @param pseudoLabels the distillation's teacher and data, or null
     * @param engine       engine and precision description
     * @param epoch        the epoch the weights are from
     */
    public record Run(Map<String, Object> trainConfig, Map<String, Object> init, Map<String, Object> pseudoLabels,
                      String engine, String precision, Integer epoch, Long trainingSeconds,
                      Long wallSecondsThisSession) {

        static final Run EMPTY = new Run(null, null, null, null, null, null, null, null);

        public Run {
            trainConfig = frozenOrNull(trainConfig);
            init = frozenOrNull(init);
            pseudoLabels = frozenOrNull(pseudoLabels);
        }
    }

    private static Map<String, Object> frozenOrNull(Map<String, Object> m) {
        return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    // Each reader takes its key out of `rest` only when the value has the expected type; anything
    // else stays there and is written back as it was.

    private static String string(Map<String, Object> rest, String key) {
        return rest.get(key) instanceof String s ? (String) rest.remove(key) : null;
    }

    private static Integer integer(Map<String, Object> rest, String key) {
        return rest.get(key) instanceof Number n && whole(n) && n.longValue() == n.intValue()
                ? take(rest, key).intValue() : null;
    }

    private static Long longValue(Map<String, Object> rest, String key) {
        return rest.get(key) instanceof Number n && whole(n) ? take(rest, key).longValue() : null;
    }

    private static Double doubleValue(Map<String, Object> rest, String key) {
        return rest.get(key) instanceof Number n && !whole(n) ? take(rest, key).doubleValue() : null;
    }

    private static boolean whole(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    private static Number take(Map<String, Object> rest, String key) {
        return (Number) rest.remove(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> rest, String key) {
        return rest.get(key) instanceof Map<?, ?> ? (Map<String, Object>) rest.remove(key) : null;
    }
}
