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
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.engine.Precision;
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
 * <p>Usage: {@code OnnxBenchmark MODEL_DIR [rounds=5] [batches=12] [batch=64] [threads=2] [engines]}
 * (bench/onnx-throughput.sh); {@code engines} is a comma list of {@code ort-all, ort-basic,
 * ort-default, fp32, bf16} (default: all), to run one engine per process as a control.
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
        List<String> only = List.of((args.length > 5 ? args[5] : "ort-all,ort-basic,ort-default,fp32,bf16").split(","));
        System.setProperty(TorchRuntime.THREADS_PROPERTY, Integer.toString(threads));

        ModelBundle bundle = BundleReader.read(dir);
        ArchitectureConfig arch = ArchitectureConfig.fromMap(bundle.manifest().architecture());
        int side = bundle.manifest().preprocess().imageSize();
        int classes = bundle.classes().size();
        InputLayout layout = InputLayout.of(arch, side);
        byte[] onnx = OnnxExport.model(ClassList.ordered(bundle.classes().names()), List.of(OnnxExport.member(bundle)),
                new double[] {1}).toByteArray();

        float[][] rows = new float[batches][];
        List<Map<String, OrtModel.Input>> feeds = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            // real preprocessing of synthetic plankton: the work does not depend on the pixel values
            rows[b] = Rows.synthetic(layout, bundle.manifest().preprocess(), batchSize, 1000L + b);
            feeds.add(Rows.inputs(layout, rows[b], batchSize));
        }

        Map<String, Engine> engines = new LinkedHashMap<>();
        List<AutoCloseable> open = new ArrayList<>();
        for (OptLevel level : new OptLevel[] {OptLevel.ALL_OPT, OptLevel.BASIC_OPT, null}) {
            if (!only.contains("ort-" + (level == null ? "default" : level.name().replace("_OPT", "").toLowerCase()))) {
                continue;
            }
            OrtModel m = new OrtModel(onnx, level, threads);
            open.add(m);
            engines.put("onnxruntime " + (level == null ? "default" : level.name().replace("_OPT", "")),
                    b -> m.run(feeds.get(b)).get(OnnxExport.PROBABILITIES));
        }
        boolean anyTorch = only.contains("fp32") || only.contains("bf16");
        String torch = anyTorch ? TorchRuntime.ensureLoaded().toString() : "no libtorch";
        for (Precision p : Precision.values()) {
            if (!only.contains(p.id())) {
                continue;
            }
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
        Map<String, double[]> coresUsed = new LinkedHashMap<>();
        names.forEach(n -> perSecond.put(n, new double[rounds]));
        names.forEach(n -> coresUsed.put(n, new double[rounds]));
        long wall0 = System.nanoTime();
        long cpu0 = cpuNanos();
        for (int k = 0; k < rounds; k++) {
            StringBuilder line = new StringBuilder("round " + (k + 1) + ":");
            for (int i = 0; i < names.size(); i++) {
                String n = names.get((i + k) % names.size());
                long t0 = System.nanoTime();
                long c0 = cpuNanos();
                for (int b = 0; b < batches; b++) {
                    engines.get(n).infer(b);
                }
                long wall = System.nanoTime() - t0;
                perSecond.get(n)[k] = (double) batches * batchSize / (wall / 1e9);
                coresUsed.get(n)[k] = (cpuNanos() - c0) / (double) wall;
                line.append(String.format(" %s %.0f (%.1f cores);", n, perSecond.get(n)[k], coresUsed.get(n)[k]));
            }
            System.out.println(line);
        }
        // On a shared machine the figures mean little without this: 'threads' cores means nobody else ran.
        double cores = (cpuNanos() - cpu0) / (double) (System.nanoTime() - wall0);
        System.out.printf("this process used %.2f cores on average during the rounds (%d = the machine was ours)%n",
                cores, threads);
        double base = perSecond.containsKey("torch fp32") ? median(perSecond.get("torch fp32")) : Double.NaN;
        // Blocks in which this process got (nearly) all its cores were not slowed by other jobs;
        // their median is the better estimate of the machine's speed on a shared machine.
        double full = 0.9 * threads;
        double baseFull = perSecond.containsKey("torch fp32") ? fullMedian(perSecond.get("torch fp32"),
                coresUsed.get("torch fp32"), full) : Double.NaN;
        System.out.printf("%n%-22s %10s %10s %10s %10s   %s%n", "engine", "median", "min", "max", "x fp32",
                "median of blocks with >= " + full + " cores (blocks, x fp32)");
        for (String n : names) {
            double[] v = perSecond.get(n).clone();
            Arrays.sort(v);
            double f = fullMedian(perSecond.get(n), coresUsed.get(n), full);
            long count = java.util.stream.IntStream.range(0, rounds).filter(k -> coresUsed.get(n)[k] >= full).count();
            System.out.printf("%-22s %10.0f %10.0f %10.0f %10.2f   %.0f (%d, %.2f)%n", n, median(v), v[0], v[v.length - 1],
                    median(v) / base, f, count, f / baseFull);
        }
        System.out.printf("loaded in this JVM: %s%n", loadedEngines());
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** Median of the rates whose block used at least {@code full} cores; NaN when none did. */
    static double fullMedian(double[] rates, double[] cores, double full) {
        double[] kept = java.util.stream.IntStream.range(0, rates.length).filter(k -> cores[k] >= full)
                .mapToDouble(k -> rates[k]).toArray();
        return kept.length == 0 ? Double.NaN : median(kept);
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
