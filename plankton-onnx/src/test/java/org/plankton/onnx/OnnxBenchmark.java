package org.plankton.onnx;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.ClassList;
import org.plankton.core.features.SizeFeatures;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.torch.Precision;
import org.plankton.nn.torch.TorchNetwork;
import org.plankton.nn.torch.TorchRuntime;

/**
 * Network-only inference throughput of one bundle, side by side in one JVM: the exported graph on
 * ONNX Runtime (optimisation level ALL, BASIC, and the session defaults; intra-op threads as
 * given, inter-op 1, sequential) against the JavaCPP libtorch engine in fp32 and bf16. Synthetic
 * batches (the work does not depend on the pixel values); every engine returns probabilities as
 * Java arrays. Each round runs every engine over the same batches, in a rotated order, and the
 * median over rounds is reported, so a busy machine slows all of them alike. Test scope on
 * purpose: no command loads ONNX Runtime yet.
 *
 * <p>Usage: {@code OnnxBenchmark MODEL_DIR [rounds=5] [batches=12] [batch=64] [threads=2]} (bench/onnx-throughput.sh).
 */
public final class OnnxBenchmark {

    private interface Engine {
        void infer(int batch) throws Exception;
    }

    private OnnxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "models/ndsb-v4");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        int batchSize = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");

        ModelBundle bundle = BundleReader.read(dir);
        ArchitectureConfig arch = ArchitectureConfig.fromMap(bundle.manifest().architecture());
        int side = bundle.manifest().preprocess().imageSize();
        int classes = bundle.classes().size();
        InputLayout layout = InputLayout.of(arch, side);
        byte[] onnx = OnnxExport.model(ClassList.ordered(bundle.classes().names()), List.of(OnnxExport.member(bundle)),
                new double[] {1}).toByteArray();

        Random r = new Random(1);
        float[][] rows = new float[batches][];
        List<Map<String, OrtModel.Input>> feeds = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            rows[b] = synthetic(layout, batchSize, r);
            feeds.add(Rows.inputs(layout, rows[b], batchSize));
        }

        Map<String, Engine> engines = new LinkedHashMap<>();
        List<AutoCloseable> open = new ArrayList<>();
        for (OptLevel level : new OptLevel[] {OptLevel.ALL_OPT, OptLevel.BASIC_OPT, null}) {
            OrtModel m = new OrtModel(onnx, level, threads);
            open.add(m);
            engines.put("onnxruntime " + (level == null ? "default" : level.name().replace("_OPT", "")),
                    b -> m.run(feeds.get(b)).get(OnnxExport.PROBABILITIES));
        }
        TorchRuntime.Info torch = TorchRuntime.ensureLoaded();
        for (Precision p : Precision.values()) {
            TorchNetwork net = TorchNetwork.fromDjlParams(arch, classes, side, bundle.weightsPath());
            net.setPrecision(p);
            open.add(net);
            engines.put("torch " + p.id(), b -> net.probabilities(rows[b], batchSize));
        }
        System.out.printf("network only: %s, %dx%d, %d classes, batch %d, %d batches x %d rounds, %d threads; "
                + "onnxruntime 1.29.0 (intra-op %d, inter-op 1) and %s%n", dir, side, side, classes, batchSize, batches,
                rounds, threads, threads, torch);
        for (Engine e : engines.values()) { // warm-up: first runs allocate and pick kernels
            for (int b = 0; b < 3; b++) {
                e.infer(b % batches);
            }
        }
        List<String> names = new ArrayList<>(engines.keySet());
        Map<String, double[]> perSecond = new LinkedHashMap<>();
        names.forEach(n -> perSecond.put(n, new double[rounds]));
        long wall0 = System.nanoTime();
        long cpu0 = cpuNanos();
        for (int k = 0; k < rounds; k++) {
            StringBuilder line = new StringBuilder("round " + (k + 1) + ":");
            for (int i = 0; i < names.size(); i++) {
                String n = names.get((i + k) % names.size());
                long t0 = System.nanoTime();
                for (int b = 0; b < batches; b++) {
                    engines.get(n).infer(b);
                }
                perSecond.get(n)[k] = (double) batches * batchSize / ((System.nanoTime() - t0) / 1e9);
                line.append(String.format(" %s %.0f;", n, perSecond.get(n)[k]));
            }
            System.out.println(line);
        }
        // On a shared machine the figures mean little without this: 'threads' cores means nobody else ran.
        double cores = (cpuNanos() - cpu0) / (double) (System.nanoTime() - wall0);
        System.out.printf("this process used %.2f cores on average during the rounds (%d = the machine was ours)%n",
                cores, threads);
        double base = median(perSecond.get("torch fp32"));
        System.out.printf("%n%-22s %10s %10s %10s %10s%n", "engine", "median", "min", "max", "x fp32");
        for (String n : names) {
            double[] v = perSecond.get(n).clone();
            Arrays.sort(v);
            System.out.printf("%-22s %10.0f %10.0f %10.0f %10.2f%n", n, median(v), v[0], v[v.length - 1], median(v) / base);
        }
        System.out.printf("loaded in this JVM: %s%n", loadedEngines());
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** Pixels roughly like normalised plankton images (mostly background), plausible size features. */
    static float[] synthetic(InputLayout layout, int n, Random r) {
        float[] x = new float[n * layout.length()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() < 0.7f ? -0.3f : (float) r.nextGaussian() * 1.5f + 1f;
        }
        if (layout.sizeFeatures()) {
            for (int i = 0; i < n; i++) {
                int start = (i + 1) * layout.length() - SizeFeatures.COUNT;
                for (int f = 0; f < SizeFeatures.COUNT; f++) {
                    x[start + f] = (float) (r.nextGaussian() * 2 + 3);
                }
            }
        }
        return x;
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The native engines mapped into this process (libonnxruntime, libtorch_cpu), from /proc/self/maps. */
    static String loadedEngines() {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.endsWith("libonnxruntime.so") || l.endsWith("libtorch_cpu.so"))
                    .map(l -> l.substring(l.lastIndexOf('/') + 1)).distinct().sorted().toList().toString();
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
