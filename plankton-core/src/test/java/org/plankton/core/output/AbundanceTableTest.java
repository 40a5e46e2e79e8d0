package org.plankton.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.data.ClassList;

class AbundanceTableTest {

    @TempDir
    Path tmp;

    @Test
    void countsTopClassesAndSumsProbabilitiesPerSample() throws Exception {
        ClassList classes = ClassList.of(List.of("a", "b"));
        AbundanceTable t = new AbundanceTable(classes, 2); // cruise/station7/cam1/img.jpg -> station7
        t.add(Path.of("/data/station7/cam1/1.jpg"), new float[] {0.9f, 0.1f});
        t.add(Path.of("/data/station7/cam2/2.jpg"), new float[] {0.6f, 0.4f});
        t.add(Path.of("/data/station8/cam1/3.jpg"), new float[] {0.2f, 0.8f});
        Path out = tmp.resolve("counts.csv");
        t.write(out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("sample,images,class,count,expected_count,adjusted_count,count_low,count_high,"
                + "expected_low,expected_high");
        assertThat(lines.get(1)).startsWith("station7,2,a,2,1.500,,");
        assertThat(lines.get(2)).startsWith("station7,2,b,0,0.500,,");
        assertThat(lines.get(3)).startsWith("station8,1,a,0,0.200,,");
        // one image: every resample is that image, so the intervals are the point values
        assertThat(lines.get(4)).isEqualTo("station8,1,b,1,0.800,,1,1,0.800,0.800");
        assertThat(t.adjusts()).isFalse();
        assertThat(t.samples()).isEqualTo(2);
        assertThat(AbundanceTable.sampleOf(Path.of("/x.jpg"), 3)).isEqualTo("(none)");
    }

    @Test
    void oneRuleForTheSampleOfAPath() {
        assertThat(AbundanceTable.sampleFolder("/data/tow7/img1.jpg", 1)).isEqualTo("tow7");
        assertThat(AbundanceTable.sampleFolder("/data/cruise/tow7/cam2/img1.jpg", 2)).isEqualTo("tow7");
        assertThat(AbundanceTable.sampleFolder("data/tow 7/img1.jpg", 1)).isEqualTo("tow 7");
        assertThat(AbundanceTable.sampleFolder("//data//tow7/img1.jpg", 1)).isEqualTo("tow7");
        assertThat(AbundanceTable.sampleFolder("/data/tow7/sub/", 1)).isEqualTo("tow7");
        assertThat(AbundanceTable.sampleFolder("/img1.jpg", 1)).isNull();
        assertThat(AbundanceTable.sampleFolder("/a/img1.jpg", 2)).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AbundanceTable.sampleFolder("/a/b.jpg", 0))
                .hasMessage("sample level must be >= 1, got 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AbundanceTable.sampleOf(Path.of("/a/b.jpg"), 0))
                .hasMessage("sample level must be >= 1, got 0");
        // local paths: the same rule, after making them absolute and normalised
        for (String p : List.of("/data/cruise/tow7/cam2/img1.jpg", "/data/x/../tow7/img1.jpg", "/x.jpg", "/a/b/c.jpg")) {
            for (int level = 1; level <= 3; level++) {
                Path path = Path.of(p);
                String folder = AbundanceTable.sampleFolder(
                        path.toAbsolutePath().normalize().toString().replace(java.io.File.separatorChar, '/'), level);
                assertThat(AbundanceTable.sampleOf(path, level)).as(p + " level " + level)
                        .isEqualTo(folder == null ? "(none)" : folder);
            }
        }
        assertThat(AbundanceTable.sampleOf(Path.of("/data/x/../tow7/img1.jpg"), 1)).isEqualTo("tow7");
        assertThat(AbundanceTable.sampleOf(Path.of("rel/img.jpg"), 1)).isEqualTo("rel");
    }

    @Test
    void adjustedCountsReestimateEachSamplesMixAgainstTheTrainingMix() throws Exception {
        ClassList classes = ClassList.of(List.of("a", "b"));
        AbundanceTable t = new AbundanceTable(classes, 1, new double[] {0.8, 0.2}); // trained mostly on a
        // A sample that is mostly b: a model trained on a mix of 80% a under-reports b.
        for (int i = 0; i < 8; i++) {
            t.add(Path.of("/cruise/bloom/" + i + ".jpg"), new float[] {0.45f, 0.55f});
        }
        t.add(Path.of("/cruise/bloom/8.jpg"), new float[] {0.95f, 0.05f});
        t.add(Path.of("/cruise/bloom/9.jpg"), new float[] {0.9f, 0.1f});
        Path out = tmp.resolve("adjusted.csv");
        t.write(out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).contains(",adjusted_count,");
        String[] a = lines.get(1).split(",");
        String[] b = lines.get(2).split(",");
        assertThat(a[2]).isEqualTo("a");
        double expectedB = Double.parseDouble(b[4]);
        double adjustedA = Double.parseDouble(a[5]);
        double adjustedB = Double.parseDouble(b[5]);
        assertThat(adjustedA + adjustedB).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.002));
        assertThat(adjustedB).as("b corrected upwards, away from the training mix").isGreaterThan(expectedB + 1);
        assertThat(t.adjusts()).isTrue();
    }
}
