package org.plankton.nn.infer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.image.GrayImage;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.progress.ProgressBar;
import org.plankton.nn.engine.FeatureBatch;
import org.plankton.nn.engine.InferenceEngines;

/**
 * Penultimate-layer features and logits of a single model for images (identity view, no TTA), on the
 * torch engine: what fitting and measuring out-of-domain scores need. Not thread-safe.
 */
public final class FeatureExtractor implements AutoCloseable {

    private static final int BATCH = Classifier.DEFAULT_BATCH_SIZE;

    private final ModelMember member;
    private final ImageDecoder decoder = new ImageDecoder();

    private FeatureExtractor(ModelMember member) {
        this.member = member;
    }

    public static FeatureExtractor load(Path bundleDir) throws BundleException {
        if (EnsembleBundle.isEnsemble(bundleDir)) {
            throw new IllegalArgumentException(bundleDir + " is an ensemble: out-of-domain scores need a single model");
        }
        return new FeatureExtractor(ModelMember.load(bundleDir, 1.0, InferenceEngines.torch()));
    }

    public ModelBundle bundle() {
        return member.bundle;
    }

    /** Features and logits of decoded images, in order. */
    public FeatureBatch features(List<GrayImage> images) {
        List<float[]> features = new ArrayList<>(images.size());
        List<float[]> logits = new ArrayList<>(images.size());
        for (int start = 0; start < images.size(); start += BATCH) {
            List<GrayImage> part = images.subList(start, Math.min(images.size(), start + BATCH));
            FeatureBatch b = member.network.features(member.render(part), 0, part.size());
            features.addAll(List.of(b.features()));
            logits.addAll(List.of(b.logits()));
        }
        return new FeatureBatch(features.toArray(new float[0][]), logits.toArray(new float[0][]));
    }

    /** The files that decoded, their features and logits, and how many did not decode. */
    public record FileFeatures(List<Path> files, FeatureBatch batch, int unreadable) {
    }

    /**
     * Decodes and runs files a batch at a time (constant memory in the images; features are kept),
     * skipping those that do not decode; a progress bar on {@code progress} when not null.
     */
    public FileFeatures featuresOfFiles(List<Path> files, String label, PrintStream progress) {
        List<Path> kept = new ArrayList<>(files.size());
        List<float[]> features = new ArrayList<>(files.size());
        List<float[]> logits = new ArrayList<>(files.size());
        int unreadable = 0;
        try (ProgressBar bar = progress == null ? null : new ProgressBar(label, files.size(), progress)) {
            for (int start = 0; start < files.size(); start += BATCH) {
                List<GrayImage> images = new ArrayList<>(BATCH);
                for (Path f : files.subList(start, Math.min(files.size(), start + BATCH))) {
                    try {
                        images.add(decoder.decode(f));
                        kept.add(f);
                    } catch (ImageDecodeException e) {
                        unreadable++;
                    }
                }
                if (!images.isEmpty()) {
                    FeatureBatch b = features(images);
                    features.addAll(List.of(b.features()));
                    logits.addAll(List.of(b.logits()));
                }
                if (bar != null) {
                    bar.step(Math.min(BATCH, files.size() - start));
                }
            }
        }
        return new FileFeatures(kept, new FeatureBatch(features.toArray(new float[0][]), logits.toArray(new float[0][])),
                unreadable);
    }

    @Override
    public void close() {
        member.close();
    }
}
