package org.plankton.server.retrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.plankton.server.images.ImageRecord;
import org.plankton.server.images.ImageRepository;
import org.plankton.server.images.Status;
import org.plankton.server.storage.ImageStore;

/**
 * Writes the reviewed images of some samples as a labelled folder ({@code <label>/<image id>.<ext>}),
 * the form {@link org.plankton.nn.train.TrainingRun} reads. Only validated and corrected images count:
 * a prediction nobody confirmed would teach the model its own mistakes, and a dubious one has no
 * trusted label. A deterministic fifth (by a hash of the image id) is held out of the folder, so the
 * old and new models can be compared on reviewed images neither was trained on.
 *
 * <p>Classes: every class of the model gets its folder, images or not, so the new model keeps the old
 * one's whole class list (TrainingRun trains with empty classes; their head rows are carried over by
 * name and only see negative examples, which is what {@code base_data} is for). A review label that is
 * not a class but a name the model knows (a taxonomy group, a WoRMS name) stands for some of its
 * classes and is skipped: made a class, it would compete with its own members. Any other label was
 * accepted at review time only as an explicit new class ({@code "new_class": true}), so it becomes a
 * class of the new model. A label that cannot be a folder name is skipped too.
 */
final class TrainingFolder {

    private static final int PAGE = 500;

    /** A reviewed image kept out of training, for the comparison. */
    record HeldOut(long imageId, Path file, String label) {
    }

    /**
     * What was written: counts for the job's messages and the version's provenance. {@code newClasses}:
     * labels of reviews that are not classes of the model and become classes, sorted;
     * {@code skippedNames}: the labels that were skipped, sorted.
     */
    record Built(Path dir, int reviews, int trainImages, int baseImages, int skippedLabels, List<HeldOut> heldOut,
                 List<String> newClasses, List<String> skippedNames) {
    }

    private TrainingFolder() {
    }

    /** True for the fifth of images held out: fixed per image id, whatever else is in the request. */
    static boolean heldOut(long imageId) {
        long h = imageId * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        return Math.floorMod(h, 5) == 0;
    }

    static Built write(ImageRepository images, ImageStore store, List<Long> samples, Path baseData, Set<String> classes,
                       Predicate<String> knownName, Path dir) throws IOException, SQLException {
        Files.createDirectories(dir);
        for (String label : classes) {
            // every class of the model gets its folder, images or not: the run then has the model's class
            // list and keeps its trained head, instead of a new one for only the classes the reviews show
            Files.createDirectories(dir.resolve(label));
        }
        int reviews = 0;
        int train = 0;
        int skipped = 0;
        List<HeldOut> held = new ArrayList<>();
        Set<String> added = new TreeSet<>();
        Set<String> skippedNames = new TreeSet<>();
        for (long sample : samples) {
            long after = 0;
            List<ImageRecord> page;
            do {
                page = images.page(sample, after, PAGE);
                for (ImageRecord r : page) {
                    after = r.id();
                    if (r.status() != Status.VALIDATED && r.status() != Status.CORRECTED) {
                        continue;
                    }
                    reviews++;
                    if (!classes.contains(r.label())) {
                        if (knownName.test(r.label()) || !folderName(r.label())) {
                            skipped++;
                            skippedNames.add(r.label());
                            continue;
                        }
                        added.add(r.label());
                        Files.createDirectories(dir.resolve(r.label())); // its folder even if all its images are held out
                    }
                    if (heldOut(r.id())) {
                        held.add(new HeldOut(r.id(), store.path(r.sha256()), r.label()));
                        continue;
                    }
                    Path target = dir.resolve(r.label()).resolve(r.id() + "." + extension(r.format()));
                    Files.createDirectories(target.getParent());
                    Files.copy(store.path(r.sha256()), target);
                    train++;
                }
            } while (page.size() == PAGE);
        }
        Set<String> all = new TreeSet<>(classes);
        all.addAll(added);
        int base = baseData == null ? 0 : linkBase(baseData, all, dir);
        return new Built(dir, reviews, train, base, skipped, List.copyOf(held), List.copyOf(added),
                List.copyOf(skippedNames));
    }

    /** Whether a label can be a class folder: one plain path element, no separator, not hidden. */
    static boolean folderName(String label) {
        return !label.isBlank() && !label.startsWith(".") && label.indexOf('/') < 0 && label.indexOf('\\') < 0
                && label.indexOf('\0') < 0 && label.equals(label.strip());
    }

    /** Links the base data's images of the new model's classes in (no copy: it may be large). */
    private static int linkBase(Path baseData, Set<String> classes, Path dir) throws IOException {
        int n = 0;
        for (String label : classes) {
            Path from = baseData.resolve(label);
            if (!Files.isDirectory(from)) {
                continue;
            }
            Path to = Files.createDirectories(dir.resolve(label));
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    Files.createSymbolicLink(to.resolve("base-" + f.getFileName()), f.toAbsolutePath());
                    n++;
                }
            }
        }
        return n;
    }

    private static String extension(String format) {
        try {
            return org.plankton.core.image.ImageFormat.valueOf(format.toUpperCase(Locale.ROOT)).extension();
        } catch (IllegalArgumentException | NullPointerException e) {
            return "png";
        }
    }
}
