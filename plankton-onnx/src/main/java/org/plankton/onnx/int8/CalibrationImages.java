package org.plankton.onnx.int8;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.nio.file.Path;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.image.ImageDecodeException;
import org.plankton.core.image.ImageDecoder;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.onnx.GraphInputs;

/**
 * Calibration batches from image files: each image decoded and prepared exactly as {@code classify}
 * prepares it for the bundle's network (one view, no augmentation), then cut into the graph's
 * inputs. The caller chooses the files; they should be training images, so that the validation
 * figures of the quantised model are not measured on the images its ranges were fitted to.
 */
public final class CalibrationImages {

    private CalibrationImages() {
    }

    /** {@code n} of {@code files} drawn at random with {@code seed} (all of them when there are fewer). */
    public static List<Path> choose(List<Path> files, int n, long seed) {
        List<Path> copy = new ArrayList<>(files);
        Collections.shuffle(copy, new Random(seed));
        return copy.subList(0, Math.min(n, copy.size()));
    }

    /** The prepared inputs of {@code files} in batches of {@code batchSize}; unreadable files are skipped. */
    public static List<Map<String, Int8Export.Tensor>> batches(ModelBundle bundle, List<Path> files, int batchSize) {
        InputLayout layout = InputLayout.of(ArchitectureConfig.fromMap(bundle.manifest().architecture()),
                bundle.manifest().preprocess().imageSize());
        Preprocessor preprocessor = new Preprocessor(bundle.manifest().preprocess());
        ImageDecoder decoder = new ImageDecoder();
        List<Map<String, Int8Export.Tensor>> out = new ArrayList<>();
        float[] rows = new float[batchSize * layout.length()];
        int n = 0;
        for (Path f : files) {
            try {
                layout.write(preprocessor, decoder.decode(f), Affine.identity(), rows, n);
            } catch (ImageDecodeException e) {
                continue;
            }
            if (++n == batchSize) {
                out.add(feed(layout, rows, n));
                n = 0;
            }
        }
        if (n > 0) {
            out.add(feed(layout, rows, n));
        }
        return out;
    }

    /** The first {@code n} rows of engine-neutral network input ({@link InputLayout}) as the graph's named inputs. */
    public static Map<String, Int8Export.Tensor> feed(InputLayout layout, float[] rows, int n) {
        Map<String, Int8Export.Tensor> feed = new LinkedHashMap<>();
        GraphInputs.of(layout, rows, 0, n).forEach((name, in) -> feed.put(name, new Int8Export.Tensor(in.values(), in.shape())));
        return feed;
    }
}
