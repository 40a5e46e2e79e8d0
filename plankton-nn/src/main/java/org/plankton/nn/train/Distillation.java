package org.plankton.nn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.data.ClassList;
import org.plankton.core.data.Csv;
import org.plankton.core.data.ImageFiles;
import org.plankton.core.data.ImageListing;
import org.plankton.core.image.GrayImage;
import org.plankton.core.progress.ProgressBar;
import org.plankton.nn.engine.InferenceEngines;
import org.plankton.nn.infer.Classifier;
import org.plankton.nn.infer.InferenceSettings;
import org.slf4j.LoggerFactory;

/**
 * Pseudo-labelling / knowledge distillation, as in the 2015 recipe: the student trains on a mix of
 * labelled images and unlabelled images whose targets are a teacher's soft probabilities (hard
 * pseudo-labels were much worse for the winners). The teacher (a model or an ensemble, optionally
 * with test-time augmentation) labels each unlabelled image once, undistorted; the student then sees
 * those images with its own random augmentation, like the labelled ones.
 *
 * @param unlabeled    a folder of images (searched recursively), or a text/CSV file with one image
 *                     path per line (first column; relative paths are relative to the file)
 * @param teacher      model or ensemble bundle whose class list must be the student's
 * @param share        share of each epoch's images that are unlabelled (recipe: 2/3)
 * @param teacherViews test-time augmentation views for the teacher's predictions (1: none)
 * @param teacherGeometric with several views, pool them geometrically ({@code --tta-geometric}: the
 *                     better setting for the released models and the ensemble) rather than arithmetically
 */
public record Distillation(Path unlabeled, Path teacher, double share, int teacherViews, boolean teacherGeometric) {

    /** Arithmetic pooling of the teacher's views. */
    public Distillation(Path unlabeled, Path teacher, double share, int teacherViews) {
        this(unlabeled, teacher, share, teacherViews, false);
    }

    public Distillation {
        if (unlabeled == null || teacher == null) {
            throw new IllegalArgumentException("pseudo-labelling needs both --unlabeled and --teacher");
        }
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("unlabelled share must be in (0, 1), got " + share);
        }
        if (teacherViews < 1) {
            throw new IllegalArgumentException("teacher views must be >= 1, got " + teacherViews);
        }
    }

    /** Unlabelled images per epoch so that they make up {@code share} of it, next to {@code labelled}. */
    public static int unlabeledPerEpoch(int labelled, double share) {
        return (int) Math.round(labelled * share / (1 - share));
    }

    /**
     * One epoch's order over the combined list (labelled images {@code [0, labelled)}, unlabelled
     * {@code [labelled, labelled + unlabelled)}): every labelled image once, and the next
     * {@link #unlabeledPerEpoch} unlabelled ones from a stream of seeded permutations, so that over
     * epochs every unlabelled image is used about equally often; all shuffled together.
     * Deterministic in (seed, epoch), so a resumed run sees the same epochs.
     */
    public static int[] epochOrder(int labelled, int unlabelled, double share, long seed, int epoch) {
        int k = unlabelled == 0 ? 0 : unlabeledPerEpoch(labelled, share);
        int[] order = new int[labelled + k];
        for (int i = 0; i < labelled; i++) {
            order[i] = i;
        }
        long start = (long) epoch * k;
        int[] perm = null;
        long permCycle = -1;
        for (int j = 0; j < k; j++) {
            long pos = start + j;
            long cycle = pos / unlabelled;
            if (cycle != permCycle) {
                perm = Shuffle.permutation(unlabelled, new Random(seed * 0x5DEECE66DL + cycle));
                permCycle = cycle;
            }
            order[labelled + j] = labelled + perm[(int) (pos % unlabelled)];
        }
        Shuffle.shuffle(order, new Random(seed * 31 + epoch));
        return order;
    }

    /** The unlabelled image files, from a folder or a list file. */
    public List<Path> files() throws IOException {
        if (Files.isDirectory(unlabeled)) {
            ImageListing listing = ImageFiles.list(List.of(unlabeled));
            if (!listing.skipped().isEmpty()) {
                LoggerFactory.getLogger(Distillation.class).warn("--unlabeled {}: {} image(s) taken, {}; first: {}",
                        unlabeled, listing.images().size(), listing.counts().describe(), listing.skipped().get(0));
            }
            return listing.images();
        }
        if (!Files.isRegularFile(unlabeled)) {
            throw new IOException("--unlabeled " + unlabeled + " is neither a folder nor a list file");
        }
        Path base = unlabeled.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        for (Csv.Row row : Csv.parse(Files.readString(unlabeled, StandardCharsets.UTF_8))) {
            if (row.isBlank() || row.fields().get(0).isBlank()) {
                continue;
            }
            String first = row.fields().get(0).trim();
            if (files.isEmpty() && first.equalsIgnoreCase("path")) {
                continue; // header
            }
            Path p = Path.of(first);
            files.add(p.isAbsolute() ? p : base.resolve(p).normalize());
        }
        return files;
    }

    /** Receives the rows labelled so far every few minutes, so that an interrupted labelling goes on from there. */
    @FunctionalInterface
    public interface LabellingProgress {
        /** Rows {@code [0, done)} of {@code targets} are the teacher's. */
        void save(float[][] targets, int done) throws IOException;
    }

    /** How often a long labelling hands its rows to {@link LabellingProgress}. */
    static final long SAVE_EVERY_NANOS = 5L * 60 * 1_000_000_000;

    /**
     * The teacher's probabilities for each image (in order), checked against the student's classes.
     * On the default inference engine (ONNX Runtime where present: 2.3x libtorch's fp32 speed, which
     * matters when an ensemble labels a whole training set with test-time augmentation).
     */
    public float[][] teacherTargets(List<GrayImage> images, ClassList classes, PrintStream out) throws IOException {
        return teacherTargets(images, classes, out, new float[images.size()][], 0, null, SAVE_EVERY_NANOS);
    }

    /**
     * As {@link #teacherTargets(List, ClassList, PrintStream)}, going on from an interrupted labelling: rows
     * {@code [0, done)} of {@code targets} are kept as they are and the rest labelled, in order, and every
     * {@code saveEveryNanos} of labelling the rows so far go to {@code progress} (when not null). The shipped
     * two-member ensemble labelling 23,208 images with 8 views took 20 minutes on this project's 2 cores, and
     * a bigger teacher takes longer than a session may last.
     */
    float[][] teacherTargets(List<GrayImage> images, ClassList classes, PrintStream out, float[][] targets, int done,
                             LabellingProgress progress, long saveEveryNanos) throws IOException {
        if (targets.length != images.size() || done < 0 || done > images.size()) {
            throw new IllegalArgumentException("labelling resumed at " + done + " of " + images.size() + " images with "
                    + targets.length + " rows");
        }
        InferenceSettings views = InferenceSettings.defaults().withTta(teacherViews, geometric());
        try (Classifier c = Classifier.load(teacher, views, InferenceEngines.defaultEngine())) {
            if (!c.classes().equals(classes)) {
                throw new IllegalArgumentException("teacher " + teacher + " has classes " + c.classes().size()
                        + " (" + c.classes().names().subList(0, Math.min(3, c.classes().size())) + "...) that are not the "
                        + "training data's " + classes.size() + "; it must be trained on the same class list");
            }
            int chunk = 256;
            long lastSave = System.nanoTime();
            try (ProgressBar bar = new ProgressBar("teacher (" + teacherViews + " view" + (teacherViews > 1 ? "s" : "")
                    + (geometric() ? ", geometric" : "") + ")", images.size() - done, out)) {
                for (int start = done; start < images.size(); start += chunk) {
                    List<GrayImage> part = images.subList(start, Math.min(images.size(), start + chunk));
                    float[][] p = c.predict(part);
                    System.arraycopy(p, 0, targets, start, p.length);
                    bar.step(part.size());
                    int labelled = start + part.size();
                    if (progress != null && labelled < images.size() && System.nanoTime() - lastSave >= saveEveryNanos) {
                        progress.save(targets, labelled);
                        lastSave = System.nanoTime();
                    }
                }
            }
            return targets;
        } catch (BundleException e) {
            throw new IOException("cannot load --teacher: " + e.getMessage(), e);
        }
    }

    /** Whether the teacher's views are pooled geometrically (one view has nothing to pool). */
    public boolean geometric() {
        return teacherGeometric && teacherViews > 1;
    }

    /** For the bundle's provenance. */
    public Map<String, Object> describe(int unlabelledImages, int perEpoch) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unlabeled", unlabeled.toAbsolutePath().normalize().toString());
        m.put("teacher", teacher.toAbsolutePath().normalize().toString());
        m.put("share", share);
        m.put("teacher_views", teacherViews);
        m.put("teacher_geometric", geometric());
        m.put("unlabeled_images", unlabelledImages);
        m.put("unlabeled_per_epoch", perEpoch);
        return m;
    }
}
