package org.plankton.nn.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.plankton.core.augment.AugmentConfig;
import org.plankton.core.augment.TestTimeAugmentation;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.calibration.Calibration;
import org.plankton.core.calibration.TemperatureScaling;
import org.plankton.core.image.GrayImage;
import org.plankton.core.preprocess.Affine;
import org.plankton.core.preprocess.Preprocessor;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.engine.InferenceEngine;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.NetworkSpec;

/**
 * One model of a {@link Classifier}: its network (on the chosen inference engine), preprocessing, test-time
 * views, calibration and blend weight. Renders images as network input and turns network output into
 * calibrated, view-combined probabilities.
 */
final class ModelMember implements AutoCloseable {

    final ModelBundle bundle;
    final InferenceNetwork network;
    final double weight;
    private final Preprocessor preprocessor;
    private final Calibration calibration;
    private List<Affine> views = List.of(Affine.identity());
    /** Scores each image's identity view against the bundle's domain model when set. */
    private org.plankton.core.domain.DomainModel.Scorer domain;
    private double[] lastScores;

    private ModelMember(ModelBundle bundle, InferenceNetwork network, Calibration calibration, double weight) {
        this.bundle = bundle;
        this.network = network;
        this.preprocessor = new Preprocessor(bundle.manifest().preprocess());
        this.calibration = calibration;
        this.weight = weight;
    }

    /** Reads and verifies a bundle and loads its weights; BundleException naming it when anything is wrong. */
    static ModelMember load(Path bundleDir, double weight, InferenceEngine engine) throws BundleException {
        ModelBundle bundle = BundleReader.read(bundleDir);
        ArchitectureConfig arch;
        try {
            arch = ArchitectureConfig.fromMap(bundle.manifest().architecture());
        } catch (IllegalArgumentException e) {
            throw new BundleException(bundleDir, "unsupported architecture in manifest.json: " + e.getMessage(), e);
        }
        Calibration calibration;
        try {
            calibration = Calibration.readFrom(bundleDir);
        } catch (IOException e) {
            throw new BundleException(bundleDir, e.getMessage(), e);
        }
        try {
            NetworkSpec spec = new NetworkSpec(arch, bundle.classes().size(), bundle.manifest().preprocess().imageSize());
            return new ModelMember(bundle, engine.network(bundle, spec), calibration, weight);
        } catch (IOException | RuntimeException e) {
            throw new BundleException(bundleDir, "cannot load the network on the " + engine.id() + " engine (weights "
                    + bundle.weightsPath().getFileName() + "): " + e.getMessage(), e);
        }
    }

    Calibration calibration() {
        return calibration;
    }

    /** The members' training class mixes blended with their weights; null if any member lacks one. */
    static double[] blendedPriors(List<ModelMember> members, int classes) {
        double[] out = new double[classes];
        for (ModelMember m : members) {
            double[] p = m.calibration().classPriorArray();
            if (p == null || p.length != out.length) {
                return null;
            }
            for (int c = 0; c < out.length; c++) {
                out[c] += m.weight * p[c];
            }
        }
        return out;
    }

    void setViews(int n, AugmentConfig ranges) {
        views = TestTimeAugmentation.transforms(ranges, network.imageSize(), n);
    }

    /**
     * Scores images against {@code model} from now on (null: stop): the network then returns its
     * penultimate features with the logits, in the same pass, so scoring costs next to nothing.
     */
    void setDomainModel(org.plankton.core.domain.DomainModel model) {
        if (model != null && !network.exposesFeatures()) {
            throw new IllegalArgumentException("the network of " + bundle.directory() + " on this engine does not expose "
                    + "penultimate-layer features, which out-of-domain scores need (a model.onnx exported before they "
                    + "were an output): use --engine torch, or `plankton calibrate` to write model.onnx anew");
        }
        domain = model == null ? null : model.scorer();
    }

    /** Out-of-domain scores of the images of the last {@link #probabilities} call, or null without a domain model. */
    double[] lastScores() {
        return lastScores;
    }

    /** Every view of every image, view-major (image r of view v at row v * n + r). */
    float[] render(List<GrayImage> images) {
        InputLayout layout = network.layout();
        float[] rows = new float[views.size() * images.size() * layout.length()];
        for (int r = 0; r < images.size(); r++) {
            // Size features depend on the image only: computed once for all its views.
            float[] features = views.size() > 1 ? layout.features(preprocessor, images.get(r)) : null;
            for (int v = 0; v < views.size(); v++) {
                layout.write(preprocessor, images.get(r), views.get(v), rows, v * images.size() + r, features);
            }
        }
        return rows;
    }

    /** Probabilities of the {@code n} images rendered in {@code rows}: views combined, calibrated when asked. */
    float[][] probabilities(float[] rows, int n, int batchSize, boolean calibrated, boolean geometric) {
        int viewsPerImage = views.size();
        int total = viewsPerImage * n;
        float[][] all = new float[total][];
        int step = Math.max(batchSize, viewsPerImage);
        lastScores = domain == null ? null : new double[n];
        for (int first = 0; first < total; first += step) {
            int count = Math.min(step, total - first);
            if (domain == null) {
                System.arraycopy(network.probabilities(rows, first, count), 0, all, first, count);
                continue;
            }
            org.plankton.nn.engine.FeatureBatch batch = network.features(rows, first, count);
            System.arraycopy(batch.probabilities(), 0, all, first, count);
            // Rows below n are the identity view (view-major order): the domain model was fitted on those.
            for (int i = 0; i < count && first + i < n; i++) {
                lastScores[first + i] = domain.score(batch.features()[i]);
            }
        }
        // A TTA setting fitted separately (calibrate --tta) has its own temperature.
        TemperatureScaling t = calibrated ? calibration.forViews(viewsPerImage, geometric) : TemperatureScaling.identity();
        float[][] out = new float[n][];
        for (int r = 0; r < n; r++) {
            float[] p = all[r];
            if (viewsPerImage > 1) {
                List<float[]> perView = new ArrayList<>(viewsPerImage);
                for (int v = 0; v < viewsPerImage; v++) {
                    perView.add(all[v * n + r]);
                }
                p = TestTimeAugmentation.combine(perView, geometric);
            }
            out[r] = t.temperature() == 1 ? p : t.apply(p);
        }
        return out;
    }

    @Override
    public void close() {
        network.close();
    }
}
