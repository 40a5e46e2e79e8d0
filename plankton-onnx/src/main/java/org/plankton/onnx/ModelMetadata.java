package org.plankton.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plankton.core.data.ClassList;
import org.plankton.core.features.SizeFeatures;
import org.plankton.core.preprocess.PreprocessConfig;
import org.plankton.nn.arch.InputLayout;

/**
 * What a runtime outside plankton needs to use the graph, kept inside the file: the class order,
 * each member's preprocessing, architecture, temperature and blend weight (as JSON in
 * {@code metadata_props}, which ONNX Runtime returns as custom metadata), and a description on
 * every input and output. docs/onnx.md says the same at length.
 */
final class ModelMetadata {

    /** Keys in {@code metadata_props}. */
    static final String FORMAT = "plankton.format";
    static final String CLASSES = "plankton.classes";
    static final String MEMBERS = "plankton.members";
    static final String SIZE_FEATURES = "plankton.size_features";
    /** Version of the metadata layout above; a reader refuses newer ones. */
    static final String FORMAT_VERSION = "1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelMetadata() {
    }

    static Map<String, String> props(ClassList classes, List<OnnxMember> members, double[] blend) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT, FORMAT_VERSION);
        m.put(CLASSES, json(classes.names()));
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            OnnxMember member = members.get(i);
            NetworkGraph.Inputs names = ModelGraph.inputNames(members, i);
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("image", names.image());
            if (member.architecture().fixedScale() > 0) {
                inputs.put("fixed_scale_image", names.fixedScaleImage());
            }
            if (member.architecture().sizeFeatures()) {
                inputs.put("size_features", names.sizeFeatures());
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("inputs", inputs);
            e.put("preprocess", preprocess(member.preprocess()));
            e.put("architecture", member.architecture().toMap());
            e.put("temperature", member.temperature());
            e.put("blend_weight", blend[i]);
            list.add(e);
        }
        m.put(MEMBERS, json(list));
        m.put(SIZE_FEATURES, json(SizeFeatures.NAMES));
        return m;
    }

    /** The manifest's keys, so the metadata reads like the bundle. */
    static Map<String, Object> preprocess(PreprocessConfig p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image_size", p.imageSize());
        m.put("fill", p.fill());
        m.put("invert", p.invert());
        m.put("mean", p.mean());
        m.put("std", p.std());
        return m;
    }

    static String imageDoc(OnnxMember m) {
        PreprocessConfig p = m.preprocess();
        int s = p.imageSize();
        return String.format(Locale.ROOT, "float32 [N, 1, %d, %d]: each image as 8-bit gray, %s, its longest side scaled to "
                        + "%.4f x %d pixels and centred on a %dx%d canvas (bilinear; background 0), then (x - %s) / %s. "
                        + "See docs/onnx.md.", s, s, pixel(p), p.fill(), s, s, s, p.mean(), p.std());
    }

    static String fixedScaleDoc(OnnxMember m) {
        PreprocessConfig p = m.preprocess();
        int fs = InputLayout.of(m.architecture(), p.imageSize()).fixedSide();
        return String.format(Locale.ROOT, "float32 [N, 1, %d, %d]: the same image at a fixed scale of %s canvas pixels per "
                + "original pixel, centred on a %dx%d canvas, %s, then (x - %s) / %s. See docs/onnx.md.", fs, fs,
                m.architecture().fixedScale(), fs, fs, pixel(p), p.mean(), p.std());
    }

    static String sizeFeaturesDoc(OnnxMember m) {
        return "float32 [N, " + SizeFeatures.COUNT + "]: size and shape of the original image (before any scaling), "
                + "unnormalised: " + String.join(", ", SizeFeatures.NAMES) + " (object weight "
                + (m.preprocess().invert() ? "1 - v/255" : "v/255") + "; see docs/onnx.md).";
    }

    static String logitsDoc(int members) {
        return members == 1 ? "float32 [N, classes]: the network's logits, uncalibrated; classes in the order of "
                + "metadata " + CLASSES + " (classes.txt)."
                : "float32 [N, classes]: log of the ensemble's probabilities (an ensemble has no logits of its own).";
    }

    static String probabilitiesDoc(List<OnnxMember> members) {
        if (members.size() == 1) {
            return "float32 [N, classes]: calibrated probabilities softmax(logits / T), T = " + members.get(0).temperature()
                    + " (the bundle's calibration.json).";
        }
        return "float32 [N, classes]: the ensemble's blend sum_i w_i softmax(logits_i / T_i) with each member's weight "
                + "and temperature (metadata " + MEMBERS + ").";
    }

    private static String pixel(PreprocessConfig p) {
        return p.invert() ? "inverted (v -> 1 - v/255)" : "scaled (v -> v/255)";
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write metadata as JSON: " + e.getMessage(), e);
        }
    }
}
