package org.plankton.core.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {

    @TempDir
    Path tmp;

    @Test
    void ttaTemperaturesRoundTripAndFallBackToThePlainOne() throws Exception {
        Calibration c = Calibration.none().withPlain(new TemperatureScaling(0.9))
                .withTta(8, true, new TemperatureScaling(1.2)).withTta(4, false, new TemperatureScaling(1.1));
        c.writeTo(tmp);
        Calibration back = Calibration.readFrom(tmp);
        assertThat(back).isEqualTo(c);
        assertThat(back.forViews(1, true).temperature()).isEqualTo(0.9);
        assertThat(back.forViews(8, true).temperature()).isEqualTo(1.2);
        assertThat(back.forViews(8, false).temperature()).as("no arithmetic-8 fit: plain").isEqualTo(0.9);
        assertThat(back.forViews(4, false).temperature()).isEqualTo(1.1);
    }

    @Test
    void classPriorsRoundTripAndSurviveANewTemperature() throws Exception {
        Calibration c = Calibration.none().withPlain(new TemperatureScaling(0.9)).withClassPriors(new double[] {0.7, 0.2, 0.1});
        c.writeTo(tmp);
        Calibration back = Calibration.readFrom(tmp).withTta(8, true, new TemperatureScaling(1.2));
        assertThat(back.classPriorArray()).containsExactly(0.7, 0.2, 0.1);
        assertThat(back.withPlain(new TemperatureScaling(1.0)).classPriorArray()).containsExactly(0.7, 0.2, 0.1);
        assertThat(Calibration.none().classPriorArray()).isNull();
        assertThatThrownBy(() -> c.withClassPriors(new double[] {0.5, -0.1})).hasMessageContaining("non-negative");
        Files.writeString(tmp.resolve("calibration.json"), "{\"method\": \"temperature\", \"temperature\": 1.0, \"class_priors\": \"x\"}");
        assertThatThrownBy(() -> Calibration.readFrom(tmp)).hasMessageContaining("class_priors");
    }

    @Test
    void filesWrittenBeforeTtaTemperaturesStillRead() throws Exception {
        Files.writeString(tmp.resolve("calibration.json"), "{\"method\": \"temperature\", \"temperature\": 0.913}\n");
        Calibration c = Calibration.readFrom(tmp);
        assertThat(c.plain().temperature()).isEqualTo(0.913);
        assertThat(c.tta()).isEmpty();
        assertThat(Calibration.readFrom(tmp.resolve("none")).plain()).isEqualTo(TemperatureScaling.identity());
    }

    @Test
    void damagedTtaEntriesAreRefusedWithTheFileName() throws Exception {
        Files.writeString(tmp.resolve("calibration.json"),
                "{\"method\": \"temperature\", \"temperature\": 1.0, \"tta\": {\"eight\": 1.2}}");
        assertThatThrownBy(() -> Calibration.readFrom(tmp)).hasMessageContaining("calibration.json")
                .hasMessageContaining("eight");
    }
}
