package org.plankton.onnx;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.bundle.TrainingProvenance;
import org.plankton.core.data.ClassList;
import org.plankton.core.data.Datasets;
import org.plankton.core.data.LabelledDataset;
import org.plankton.core.data.Sample;
import org.plankton.core.data.StratifiedSplit;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.onnx.int8.CalibrationImages;
import org.plankton.onnx.int8.Int8Export;
import org.plankton.onnx.proto.ModelProto;

/**
 * fp32 against int8 on one bundle, in one JVM: calibrates on images of the model's own training
 * split (never its validation split), scores each variant on the validation split (log loss and
 * accuracy of the calibrated {@code probabilities} output, one view: what {@code evaluate --split
 * validation --engine onnx} computes), then times fp32 against the chosen int8 variant on the same
 * validation batches in alternating rounds (median; cores used per block, since the machine is shared).
 *
 * <p>Usage: {@code Int8Benchmark MODEL DATA [calibration=600] [validation=0 (all)] [rounds=6] [threads=2]
 * [variants=mse,mse+first] [timed=1] [seed=1]} (bench/onnx-int8.sh). A variant is {@code mse} (each value's
 * range chosen for least rounding and clipping error) or a percentile (1 = min/max), then {@code +first} to
 * quantise the convolution reading the image too, {@code +classes} the classes layers too, {@code +eq} to
 * apply cross-layer equalisation first, and
 * {@code @PREFIX+PREFIX} to keep the layers so named fp32 (e.g. {@code 0.9999@convnet/stage2/}); {@code timed}: comma list of the variants to time
 * against fp32 (1 = the first int8 variant); {@code rounds} 0: no timing.
 */
public final class Int8Benchmark {

    private Int8Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path data = Path.of(args[1]);
        int calibrationImages = args.length > 2 ? Integer.parseInt(args[2]) : 600;
        int validationLimit = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 6;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        String[] percentiles = (args.length > 6 ? args[6] : "mse,mse+first").split(",");
        long seed = args.length > 8 ? Long.parseLong(args[8]) : 1;
        List<Integer> timed = java.util.Arrays.stream((args.length > 7 ? args[7] : "1").split(",")).map(Integer::valueOf).toList();

        ModelBundle bundle = BundleReader.read(dir);
        ArchitectureConfig arch = ArchitectureConfig.fromMap(bundle.manifest().architecture());
        InputLayout layout = InputLayout.of(arch, bundle.manifest().preprocess().imageSize());
        TrainingProvenance.DataSplit recorded = bundle.trainingProvenance().split();
        LabelledDataset all = Datasets.read(data).keepClassesWithAtLeast(recorded.minImagesPerClassOrOne());
        if (!all.classes().equals(bundle.classes())) {
            throw new IllegalArgumentException(data + " is not this model's training data");
        }
        StratifiedSplit.Split split = StratifiedSplit.split(all.samples(), recorded.validationFraction(),
                recorded.splitSeed());
        List<Sample> validation = validationLimit > 0 && validationLimit < split.validation().size()
                ? split.validation().subList(0, validationLimit) : split.validation();

        long t0 = System.nanoTime();
        List<Path> calibrationFiles = CalibrationImages.choose(split.train().stream().map(Sample::path).toList(),
                calibrationImages, seed);
        var calibration = CalibrationImages.batches(bundle, calibrationFiles, 50);
        ModelProto fp32 = OnnxExport.model(ClassList.ordered(bundle.classes().names()), List.of(OnnxExport.member(bundle)),
                new double[] {1});
        Map<String, byte[]> variants = new LinkedHashMap<>();
        variants.put("fp32", fp32.toByteArray());
        for (String v : percentiles) {
            String[] parts = v.split("@", 2);
            String p = parts[0];
            List<String> keep = parts.length > 1 ? List.of(parts[1].split("\\+")) : List.of();
            List<String> flags = List.of(p.split("\\+"));
            boolean mse = flags.get(0).equals("mse");
            double q = mse ? 1 : Double.parseDouble(flags.get(0));
            boolean first = flags.contains("first");
            boolean classes = flags.contains("classes");
            boolean eq = flags.contains("eq");
            variants.put("int8 " + (mse ? "least-error" : q >= 1 ? "min/max" : "p" + q) + (first ? " +first" : "")
                    + (classes ? " +classes" : "") + (eq ? " +eq" : "") + (keep.isEmpty() ? "" : " fp32 " + String.join("+", keep)),
                    Int8Export.quantize(fp32, calibration, new Int8Export.Options(q, mse, first, classes, eq, keep), threads)
                            .toByteArray());
        }
        System.out.printf("calibrated on %d training images (seed %d) and quantised %d variants in %.1f s; fp32 %.1f MB, int8 %.1f MB%n",
                calibrationFiles.size(), seed, percentiles.length, (System.nanoTime() - t0) / 1e9, variants.get("fp32").length / 1e6,
                variants.values().stream().skip(1).findFirst().map(b -> b.length / 1e6).orElse(0.0));

        int n = validation.size();
        float[] rows = new float[n * layout.length()];
        int[] labels = new int[n];
        Preprocessor pre = new Preprocessor(bundle.manifest().preprocess());
        ImageDecoder decoder = new ImageDecoder();
        for (int i = 0; i < n; i++) {
            layout.write(pre, decoder.decode(validation.get(i).path()), Affine.identity(), rows, i);
            labels[i] = validation.get(i).label();
        }
        int batch = 64;
        List<Map<String, OrtModel.Input>> feeds = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int first = 0; first < n; first += batch) {
            int m = Math.min(batch, n - first);
            float[] part = java.util.Arrays.copyOfRange(rows, first * layout.length(), (first + m) * layout.length());
            feeds.add(Rows.inputs(layout, part, m));
            sizes.add(m);
        }
        System.out.printf("%nvalidation split of %s: %d images%s, one view, calibrated probabilities%n", dir, n,
                n < split.validation().size() ? " (the first of " + split.validation().size() + ")" : "");
        System.out.printf("%-50s %9s %9s %12s %9s%n", "variant", "log loss", "accuracy", "d log loss", "top1 same");
        Map<String, OrtModel> models = new LinkedHashMap<>();
        int[] fp32Top = null;
        double fp32Loss = 0;
        for (Map.Entry<String, byte[]> v : variants.entrySet()) {
            OrtModel model = new OrtModel(v.getValue(), OptLevel.ALL_OPT, threads);
            models.put(v.getKey(), model);
            double loss = 0;
            int correct = 0;
            int same = 0;
            int[] top = new int[n];
            int at = 0;
            for (Map<String, OrtModel.Input> f : feeds) {
                for (float[] p : model.run(f).get(OnnxExport.PROBABILITIES)) {
                    loss -= Math.log(Math.max(1e-15, p[labels[at]]));
                    top[at] = argmax(p);
                    correct += top[at] == labels[at] ? 1 : 0;
                    same += fp32Top != null && fp32Top[at] == top[at] ? 1 : 0;
                    at++;
                }
            }
            loss /= n;
            if (fp32Top == null) {
                fp32Top = top;
                fp32Loss = loss;
                same = n;
            }
            System.out.printf("%-50s %9.4f %9.4f %+12.4f %9.4f%n", v.getKey(), loss, correct / (double) n, loss - fp32Loss,
                    same / (double) n);
        }
        Map<String, OrtModel> timedModels = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(models.keySet());
        for (int i = 0; i < names.size(); i++) {
            if (i == 0 || timed.contains(i)) {
                timedModels.put(names.get(i), models.get(names.get(i)));
            }
        }
        if (rounds > 0) {
            time(timedModels, feeds, sizes, rounds, threads);
        }
        for (OrtModel m : models.values()) {
            m.close();
        }
    }

    /** Network-only img/s of every variant, over the same batches, each round in a rotated order; ratios to fp32. */
    private static void time(Map<String, OrtModel> models, List<Map<String, OrtModel.Input>> feeds, List<Integer> sizes,
                             int rounds, int threads) throws Exception {
        int batches = Math.min(12, feeds.size() - 1); // the last batch may be short
        List<String> names = new ArrayList<>(models.keySet());
        int arms = names.size();
        for (OrtModel m : models.values()) {
            for (int b = 0; b < 3; b++) {
                m.run(feeds.get(b));
            }
        }
        double[][] rate = new double[arms][rounds];
        double[][] ratio = new double[arms][rounds];
        for (int k = 0; k < rounds; k++) {
            StringBuilder line = new StringBuilder("round " + (k + 1) + ":");
            for (int j = 0; j < arms; j++) {
                int a = (j + k) % arms;
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                int images = 0;
                for (int b = 0; b < batches; b++) {
                    models.get(names.get(a)).run(feeds.get(b));
                    images += sizes.get(b);
                }
                long wall = System.nanoTime() - t0;
                rate[a][k] = images / (wall / 1e9);
                line.append(String.format(" %s %.0f img/s (%.1f cores);", names.get(a), rate[a][k], (cpuNanos() - c0) / (double) wall));
            }
            for (int a = 0; a < arms; a++) {
                ratio[a][k] = rate[a][k] / rate[0][k];
            }
            System.out.println(line);
        }
        System.out.printf("%nnetwork only, batch 64, %d threads, %d rounds of %d batches (median; median of per-round ratios):%n",
                threads, rounds, batches);
        for (int a = 0; a < arms; a++) {
            System.out.printf("%-50s %8.0f img/s  x%.2f%n", names.get(a), OnnxBenchmark.median(rate[a]),
                    OnnxBenchmark.median(ratio[a]));
        }
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        return best;
    }
}
