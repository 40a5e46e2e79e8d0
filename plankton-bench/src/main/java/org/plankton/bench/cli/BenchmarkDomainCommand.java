package org.plankton.bench.cli;

import org.plankton.cli.OodScores;
import org.plankton.cli.PlanktonCli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.plankton.core.bundle.DefaultModel;
import org.plankton.core.data.ImageFiles;
import org.plankton.core.data.Sample;
import org.plankton.core.data.TrainingSplit;
import org.plankton.core.domain.DomainFit;
import org.plankton.core.domain.DomainModel;
import org.plankton.core.domain.FarOutImages;
import org.plankton.core.domain.OodMetrics;
import org.plankton.nn.domain.DomainFitting;
import org.plankton.nn.engine.FeatureBatch;
import org.plankton.nn.infer.FeatureExtractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plankton benchmark-domain}: AUROC and FPR at 95% in-domain recall of every out-of-domain
 * score tried (max softmax probability, energy, Mahalanobis at several ranks, and the float16
 * domain.json as stored), the model's validation split against each out-of-domain set.
 */
@Command(name = "benchmark-domain", mixinStandardHelpOptions = true,
        description = "Measure out-of-domain scores: the model's validation images against other folders and "
                + "synthetic images (noise, gradients, text). Fits its own Gaussians; writes nothing.")
final class BenchmarkDomainCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model bundle (default: models/" + DefaultModel.NAME + ").")
    Path model;

    @Option(names = "--data", required = true, description = "The model's training data (for its split).")
    Path data;

    @Option(names = "--ood", description = "Folders of out-of-domain images (repeatable).")
    List<Path> ood = new ArrayList<>();

    @Option(names = "--synthetic", description = "Synthetic far-out images to add as a set (default: ${DEFAULT-VALUE}).")
    int synthetic = 300;

    @Option(names = "--ranks", split = ",", description = "Ranks of the Mahalanobis covariance to try (default: "
            + "${DEFAULT-VALUE}; 0 = full).")
    List<Integer> ranks = List.of(0, 256, 128, 64);

    @Option(names = "--max-train", description = "Use at most this many training images for the fit (default: all).")
    int maxTrain = Integer.MAX_VALUE;

    @Override
    public Integer call() throws Exception {
        Path dir = DefaultModel.resolve(model);
        try (FeatureExtractor fx = FeatureExtractor.load(dir)) {
            List<Sample> train = TrainingSplit.part(fx.bundle(), data, "train").samples();
            if (train.size() > maxTrain) {
                train = new ArrayList<>(train);
                java.util.Collections.shuffle(train, new java.util.Random(1));
                train = train.subList(0, maxTrain);
            }
            List<Sample> val = TrainingSplit.part(fx.bundle(), data, "validation").samples();
            long t0 = System.nanoTime();
            var tf = fx.featuresOfFiles(train.stream().map(Sample::path).toList(), "features (train)", System.err);
            Map<Path, Integer> label = new LinkedHashMap<>();
            train.forEach(s -> label.put(s.path(), s.label()));
            int[] labels = tf.files().stream().mapToInt(label::get).toArray();
            FeatureBatch in = fx.featuresOfFiles(val.stream().map(Sample::path).toList(), "features (validation)",
                    System.err).batch();
            Map<String, FeatureBatch> sets = new LinkedHashMap<>();
            for (Path p : ood) {
                List<Path> files = ImageFiles.list(List.of(p), List.of()).images();
                sets.put(p.getFileName().toString(), fx.featuresOfFiles(files, "features (" + p.getFileName() + ")",
                        System.err).batch());
            }
            if (synthetic > 0) {
                sets.put("synthetic", fx.features(FarOutImages.generate(synthetic, 7)));
            }
            System.err.printf("features of %d images in %.0f s%n", tf.files().size() + in.features().length
                    + sets.values().stream().mapToInt(b -> b.features().length).sum(), (System.nanoTime() - t0) / 1e9);
            System.out.printf("model %s: %d training images fitted, %d validation images in-domain, width %d%n",
                    dir, labels.length, in.features().length, in.width());
            java.util.Optional<DomainModel> own = org.plankton.nn.domain.DomainModels.of(dir);
            if (own.isPresent()) {
                DomainModel m = own.get();
                double[] scores = DomainFitting.scores(m, in);
                System.out.printf(java.util.Locale.ROOT, "the bundle's domain.json: threshold %.1f, %.4f of the "
                        + "validation images pass%n", m.threshold(),
                        java.util.Arrays.stream(scores).filter(x -> !m.flags(x)).count() / (double) scores.length);
            }
            System.out.println("| score | set | AUROC | FPR at 95% in-domain recall | images |");
            System.out.println("|---|---|---|---|---|");
            if (own.isPresent()) {
                DomainModel m = own.get();
                report("the bundle's domain.json (rank " + m.rank() + ", float16)", DomainFitting.scores(m, in), sets,
                        b -> DomainFitting.scores(m, b));
            }
            report("max softmax probability", OodScores.msp(in), sets, OodScores::msp);
            report("energy", OodScores.energy(in), sets, OodScores::energy);
            int classes = fx.bundle().classes().size();
            for (int rank : ranks) {
                int r = rank <= 0 || rank > in.width() ? in.width() : rank;
                long f0 = System.nanoTime();
                DomainModel m = DomainFit.fit(tf.batch().features(), labels, classes, r);
                System.err.printf("fit rank %d in %.1f s%n", r, (System.nanoTime() - f0) / 1e9);
                String name = "Mahalanobis, rank " + (r == in.width() ? r + " (full)" : r);
                report(name, DomainFitting.scores(m, in), sets, b -> DomainFitting.scores(m, b));
                if (r == DomainFitting.DEFAULT_RANK) {
                    DomainModel stored = OodScores.roundTrip(m);
                    report(name + ", float16 as stored", DomainFitting.scores(stored, in), sets,
                            b -> DomainFitting.scores(stored, b));
                }
            }
        }
        return PlanktonCli.EXIT_OK;
    }

    private static void report(String score, double[] in, Map<String, FeatureBatch> sets,
                               java.util.function.Function<FeatureBatch, double[]> scorer) {
        for (Map.Entry<String, FeatureBatch> e : sets.entrySet()) {
            OodMetrics m = OodMetrics.of(in, scorer.apply(e.getValue()));
            System.out.printf(java.util.Locale.ROOT, "| %s | %s | %.4f | %.4f | %d vs %d |%n", score, e.getKey(),
                    m.auroc(), m.fprAt95Recall(), m.inDomain(), m.outOfDomain());
        }
    }
}
