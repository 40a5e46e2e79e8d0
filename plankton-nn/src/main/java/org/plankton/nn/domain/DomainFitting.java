package org.plankton.nn.domain;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleWriter;
import org.plankton.core.data.Sample;
import org.plankton.core.domain.DomainFile;
import org.plankton.core.domain.DomainFit;
import org.plankton.core.domain.DomainModel;
import org.plankton.core.image.GrayImage;
import org.plankton.nn.engine.FeatureBatch;
import org.plankton.nn.infer.FeatureExtractor;

/**
 * Fits a bundle's domain model and writes it into the bundle ({@code domain.json}, through
 * {@link BundleWriter#rewrite} so the bundle changes atomically and its manifest records the file's
 * SHA-256). The Gaussians come from the training split's features, the threshold from the
 * validation split's scores: images the fit did not see, like the images it will judge.
 *
 * @param model      the fitted, calibrated model as written
 * @param trainCount training images the Gaussians were fitted on
 * @param heldOut    validation images the threshold was calibrated on
 */
public record DomainFitting(DomainModel model, int trainCount, int heldOut) {

    /** Principal directions kept: measured in docs/results.md (bench/domain.sh) to score as the full covariance does. */
    public static final int DEFAULT_RANK = 128;
    /** Share of held-out in-domain images the threshold lets through. */
    public static final double DEFAULT_PASS = 0.95;

    /** Fits on the bundle's network from image files and writes domain.json into it. */
    public static DomainFitting fitAndWrite(Path bundleDir, List<Sample> train, List<Sample> validation, int rank,
                                            PrintStream progress) throws IOException, BundleException {
        DomainFitting fitting;
        try (FeatureExtractor extractor = FeatureExtractor.load(bundleDir)) {
            FeatureExtractor.FileFeatures t = extractor.featuresOfFiles(paths(train), "features (train)", progress);
            FeatureExtractor.FileFeatures v = extractor.featuresOfFiles(paths(validation), "features (validation)", progress);
            fitting = fit(extractor, t.batch(), labelsOf(train, t.files()), v.batch(), rank);
        }
        write(bundleDir, fitting.model());
        return fitting;
    }

    /** As {@link #fitAndWrite(Path, List, List, int, PrintStream)} from decoded images (train has them in memory). */
    public static DomainFitting fitAndWrite(Path bundleDir, List<GrayImage> train, int[] trainLabels,
                                            List<GrayImage> validation, int rank) throws IOException, BundleException {
        DomainFitting fitting;
        try (FeatureExtractor extractor = FeatureExtractor.load(bundleDir)) {
            fitting = fit(extractor, extractor.features(train), trainLabels, extractor.features(validation), rank);
        }
        write(bundleDir, fitting.model());
        return fitting;
    }

    private static DomainFitting fit(FeatureExtractor extractor, FeatureBatch train, int[] labels, FeatureBatch validation,
                                     int rank) {
        int classes = extractor.bundle().classes().size();
        // Rounded as domain.json will store it before calibrating, so the file passes exactly DEFAULT_PASS.
        DomainModel fitted = DomainFile.asStored(DomainFit.fit(train.features(), labels, classes,
                Math.min(rank, train.width())));
        double[] scores = scores(fitted, validation);
        DomainModel model = DomainFit.calibrate(fitted, scores, DEFAULT_PASS)
                .withWeights(extractor.bundle().manifest().weightsSha256());
        return new DomainFitting(model, labels.length, scores.length);
    }

    /** Into the bundle, atomically; model.onnx is left as it is (the graph does not hold the domain model). */
    private static void write(Path bundleDir, DomainModel model) throws IOException, BundleException {
        BundleWriter.rewrite(bundleDir, copy -> DomainFile.write(model, copy.resolve(DomainFile.NAME)), false);
    }

    /** Scores of every row of {@code batch}. */
    public static double[] scores(DomainModel model, FeatureBatch batch) {
        DomainModel.Scorer scorer = model.scorer();
        double[] out = new double[batch.features().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = scorer.score(batch.features()[i]);
        }
        return out;
    }

    private static List<Path> paths(List<Sample> samples) {
        return samples.stream().map(Sample::path).toList();
    }

    /** Labels of the files that decoded (unreadable ones are dropped by the extractor). */
    private static int[] labelsOf(List<Sample> samples, List<Path> kept) {
        Map<Path, Integer> label = samples.stream().collect(Collectors.toMap(Sample::path, Sample::label, (a, b) -> a));
        return kept.stream().mapToInt(label::get).toArray();
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "domain model: %d classes, %d features, rank %d, fitted on %d "
                        + "training images; threshold %.1f lets %.0f%% of %d validation images pass",
                model.classes(), model.width(), model.rank(), trainCount, model.threshold(), 100 * model.inDomainPass(),
                heldOut);
    }
}
