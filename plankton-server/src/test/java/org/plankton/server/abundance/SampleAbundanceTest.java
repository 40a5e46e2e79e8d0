package org.plankton.server.abundance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plankton.server.images.ClassCount;
import org.plankton.server.images.LabelledArea;
import org.plankton.server.samples.Sample;
import org.plankton.server.samples.SampleMetadata;

/** Concentrations and sizes against numbers worked out by hand. */
class SampleAbundanceTest {

    @Test
    void concentrationDividesCountAndIntervalByTheImagedVolume() {
        // 10 copepods in a 1/8 split of 4 L: 0.5 L imaged, so 20 per litre, 20000 per m3;
        // the count's interval 6..14 becomes 12..28 per litre
        Concentration c = Concentration.of(10, 6, 14, new SampleMetadata(4.0, 0.125, null, null, null, null, null,
                null, null).imagedVolumeL());
        assertThat(c.perL()).isEqualTo(20.0);
        assertThat(c.lowPerL()).isEqualTo(12.0);
        assertThat(c.highPerL()).isEqualTo(28.0);
        assertThat(c.perM3()).isEqualTo(20000.0);
        assertThat(c.highPerM3()).isEqualTo(28000.0);
        assertThat(Concentration.of(10, 6, 14, null)).isNull();
    }

    @Test
    void esdAndBiovolumeOfTwoDiscs() {
        // discs of radius 5 px and 10 px at 10 um/px: ESD 100 um and 200 um, mean 150 um;
        // spheres pi/6 (100^3 + 200^3) = pi/6 * 9e6 um3 = 4712388.98 um3 = 0.00471238898 mm3
        ClassSize s = ClassSize.of(java.util.Arrays.asList(Math.PI * 25, Math.PI * 100, null), 10.0);
        assertThat(s.measured()).isEqualTo(2);
        assertThat(s.meanEsdUm()).isCloseTo(150.0, within(1e-9));
        assertThat(s.totalBiovolumeMm3()).isCloseTo(0.00471238898, within(1e-11));
        assertThat(ClassSize.of(List.of(Math.PI * 25), null)).isNull();
    }

    @Test
    void sampleRowsCarryIntervalsConcentrationsAndSizes() {
        SampleMetadata m = new SampleMetadata(2.0, 0.5, null, null, null, null, null, null, 10.0);
        Sample sample = new Sample(7, "s", "", "2024-01-01T00:00:00Z", 40, m);
        List<ClassCount> counts = List.of(new ClassCount("a", 30, 0, 30), new ClassCount("b", 10, 0, 10));
        List<LabelledArea> images = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            images.add(new LabelledArea("a", Math.PI * 25));
        }
        for (int i = 0; i < 10; i++) {
            images.add(new LabelledArea("b", null));
        }
        List<ClassAbundance> rows = SampleAbundance.of(sample, counts, images);
        ClassAbundance a = rows.get(0);
        assertThat(a.countLow()).isLessThan(30).isGreaterThan(15);
        assertThat(a.countHigh()).isGreaterThan(30).isLessThanOrEqualTo(40);
        assertThat(a.concentration().perL()).isEqualTo(30.0); // 30 / (2 L * 0.5)
        assertThat(a.concentration().lowPerL()).isEqualTo(a.countLow());
        assertThat(a.size().meanEsdUm()).isCloseTo(100.0, within(1e-9));
        assertThat(rows.get(1).size()).isNull(); // no areas stored
        assertThat(SampleAbundance.of(new Sample(7, "s", "", "", 40, null), counts, images).get(0).concentration())
                .isNull();
    }
}
