package org.plankton.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainFileTest {

    @TempDir
    Path tmp;

    static DomainModel model(int width, int rank, int classes) {
        Random rnd = new Random(7);
        int n = 400;
        float[][] x = new float[n][width];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int d = 0; d < width; d++) {
                x[i][d] = (float) (rnd.nextGaussian() + (d == y[i] ? 3 : 0));
            }
        }
        return DomainFit.fit(x, y, classes, rank).withThreshold(12.5, 0.95).withWeights("ab".repeat(32));
    }

    @Test
    void roundTripKeepsEverythingWithinHalfPrecision() throws IOException {
        DomainModel m = model(8, 3, 4);
        Path file = tmp.resolve(DomainFile.NAME);
        DomainFile.write(m, file);
        DomainModel back = DomainFile.read(file);
        assertThat(back.width()).isEqualTo(8);
        assertThat(back.rank()).isEqualTo(3);
        assertThat(back.classes()).isEqualTo(4);
        assertThat(back.threshold()).isEqualTo(12.5);
        assertThat(back.inDomainPass()).isEqualTo(0.95);
        assertThat(back.weightsSha256()).isEqualTo("ab".repeat(32));
        assertThat(back.variances()).containsExactly(m.variances());
        for (int c = 0; c < 4; c++) {
            for (int d = 0; d < 8; d++) {
                assertThat(back.classMeans()[c][d]).isCloseTo(m.classMeans()[c][d],
                        within(1e-3f * Math.abs(m.classMeans()[c][d]) + 1e-4f));
            }
        }
        float[] probe = {1, 2, 0, 0, 3, 0, 0, 1};
        double a = m.scorer().score(probe);
        assertThat(back.scorer().score(probe)).isCloseTo(a, within(0.01 * a));
    }

    @Test
    void asStoredScoresExactlyAsTheFileDoes() throws IOException {
        DomainModel m = model(8, 3, 4);
        Path file = tmp.resolve("d.json");
        DomainFile.write(m, file);
        float[] probe = {1, 2, 0, 0, 3, 0, 0, 1};
        assertThat(DomainFile.asStored(m).scorer().score(probe)).isEqualTo(DomainFile.read(file).scorer().score(probe));
    }

    @Test
    void halfPrecisionRounding() {
        for (float f : new float[] {0, 1, -2.5f, 65504, 1e-5f, 3.14159f, -1e-8f}) {
            float back = Float16.toFloat(Float16.toHalf(f));
            assertThat(back).isCloseTo(f, within(Math.abs(f) * 1e-3f + 1e-7f));
        }
        assertThat(Float16.toFloat(Float16.toHalf(1e6f))).isInfinite();
    }

    @Test
    void damagedFileGivesAnErrorNamingIt() throws IOException {
        Path file = tmp.resolve(DomainFile.NAME);
        DomainFile.write(model(8, 3, 4), file);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2));
        assertThatThrownBy(() -> DomainFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("damaged");
        Files.writeString(file, text.replace("\"classes\" : 4", "\"classes\" : 5"));
        assertThatThrownBy(() -> DomainFile.read(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> DomainFile.read(tmp.resolve("none.json"))).hasMessageContaining("fit-domain");
    }
}
