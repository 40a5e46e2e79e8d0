package org.plankton.onnx;

import java.util.LinkedHashMap;
import java.util.Map;
import org.plankton.core.features.SizeFeatures;
import org.plankton.nn.arch.InputLayout;

/**
 * Engine-neutral network input rows ({@link InputLayout}: image, fixed-scale image, size features, one
 * row per image) cut into the exported graph's named inputs. One place, used by the onnx engine and by
 * the int8 calibration pass, so that both feed the graph the same way.
 */
public final class GraphInputs {

    /** One named input: its values, row-major, and its shape. */
    public record Input(float[] values, long[] shape) {
    }

    private GraphInputs() {
    }

    /** Rows {@code first .. first + n - 1} of {@code rows} as the graph's inputs, in the graph's order. */
    public static Map<String, Input> of(InputLayout layout, float[] rows, int first, int n) {
        int side = layout.side();
        int fs = layout.fixedSide();
        int nf = layout.sizeFeatures() ? SizeFeatures.COUNT : 0;
        float[] image = new float[n * side * side];
        float[] fixed = new float[n * fs * fs];
        float[] features = new float[n * nf];
        for (int i = 0; i < n; i++) {
            int at = (first + i) * layout.length();
            System.arraycopy(rows, at, image, i * side * side, side * side);
            at += side * side;
            System.arraycopy(rows, at, fixed, i * fs * fs, fs * fs);
            at += fs * fs;
            System.arraycopy(rows, at, features, i * nf, nf);
        }
        Map<String, Input> inputs = new LinkedHashMap<>();
        inputs.put(OnnxExport.IMAGE, new Input(image, new long[] {n, 1, side, side}));
        if (fs > 0) {
            inputs.put(OnnxExport.FIXED_SCALE_IMAGE, new Input(fixed, new long[] {n, 1, fs, fs}));
        }
        if (nf > 0) {
            inputs.put(OnnxExport.SIZE_FEATURES, new Input(features, new long[] {n, nf}));
        }
        return inputs;
    }
}
