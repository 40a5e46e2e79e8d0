package org.plankton.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plankton.core.image.GrayImage;

class NormalisationFitterTest {

    private static final PreprocessConfig CFG = new PreprocessConfig(32, 0.8, true, 0.5f, 3f);

    @Test
    void fitsMeanAndStdOfRenderedCanvases() {
        List<GrayImage> imgs = List.of(PreprocessorTest.asymmetric(40, 30), PreprocessorTest.filled(10, 20, 0),
                PreprocessorTest.asymmetric(100, 70));
        Preprocessor raw = new Preprocessor(CFG.withNormalisation(0f, 1f));
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (GrayImage img : imgs) {
            for (float v : raw.render(img)) {
                sum += v;
                sq += (double) v * v;
                n++;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(sq / n - mean * mean);

        PreprocessConfig fitted = NormalisationFitter.fit(CFG, imgs);
        assertThat(fitted.mean()).isCloseTo((float) mean, within(1e-5f));
        assertThat(fitted.std()).isCloseTo((float) std, within(1e-5f));
        assertThat(fitted.imageSize()).isEqualTo(32);
        assertThat(fitted.fill()).isEqualTo(0.8);

        // normalised with the fitted values, the same canvases have mean 0 and std 1
        Preprocessor pre = new Preprocessor(fitted);
        double s2 = 0;
        double q2 = 0;
        for (GrayImage img : imgs) {
            for (float v : pre.render(img)) {
                s2 += v;
                q2 += (double) v * v;
            }
        }
        assertThat(s2 / n).isCloseTo(0, within(1e-4));
        assertThat(q2 / n).isCloseTo(1, within(1e-3));
    }

    @Test
    void blankImagesGiveUnitStdAndNothingIsAnError() {
        NormalisationFitter f = new NormalisationFitter(CFG);
        assertThatIllegalStateException().isThrownBy(f::mean);
        f.add(PreprocessorTest.filled(8, 8, 255));
        assertThat(f.images()).isEqualTo(1);
        assertThat(f.mean()).isEqualTo(0f);
        assertThat(f.std()).isEqualTo(1f);
    }
}
