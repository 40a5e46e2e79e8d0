package org.plankton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.plankton.core.bundle.AtomicFiles;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.data.ImageFiles;
import org.plankton.core.data.Sample;
import org.plankton.core.data.TrainingSplit;
import org.plankton.onnx.OnnxExport;
import org.plankton.onnx.OrtEngine;
import org.plankton.onnx.int8.CalibrationImages;
import org.plankton.onnx.int8.Int8Export;
import org.plankton.onnx.proto.ModelProto;

/**
 * {@code export-onnx --quantize int8}: picks the calibration images (from the model's training
 * split when the folder is its training data, so that {@code evaluate --split validation} stays an
 * honest held-out figure; otherwise from every image under the folder), quantises the model's
 * graph on them and writes it atomically.
 */
final class Int8ExportRun {

    static final int DEFAULT_IMAGES = 600;
    static final double DEFAULT_PERCENTILE = 0.9999;
    private static final int BATCH = 50;

    private Int8ExportRun() {
    }

    static void run(Path dir, Path out, Path data, int images, double percentile) throws Exception {
        if (images < 1) {
            throw new IllegalArgumentException("--calibration-images must be at least 1, got " + images);
        }
        ModelBundle bundle = BundleReader.read(dir);
        List<Path> candidates;
        String from;
        try {
            candidates = TrainingSplit.part(bundle, data, "train").samples().stream().map(Sample::path).toList();
            from = "the model's training split of " + data;
        } catch (IllegalArgumentException notTheTrainingData) {
            candidates = ImageFiles.list(List.of(data)).images();
            from = "all images under " + data + " (not the model's recorded training data: " + notTheTrainingData.getMessage()
                    + "; keep your evaluation images out of it)";
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no images under --calibration-data " + data);
        }
        List<Path> chosen = CalibrationImages.choose(candidates, images, 1);
        long t0 = System.nanoTime();
        var batches = CalibrationImages.batches(bundle, chosen, BATCH);
        ModelProto fp32 = OnnxExport.model(bundle.classes(), List.of(OnnxExport.member(bundle)), new double[] {1});
        ModelProto int8 = Int8Export.quantize(fp32, batches, Int8Export.Options.DEFAULT,
                OrtEngine.threads());
        AtomicFiles.write(out, int8::writeTo);
        System.out.printf(Locale.ROOT, "quantised %s to int8 on %d calibration images from %s in %.0f s: %s (%.1f MB)%n"
                + "run it with: --engine onnx --onnx-model %s%n", dir, chosen.size(), from, (System.nanoTime() - t0) / 1e9,
                out, Files.size(out) / 1e6, out);
    }
}
