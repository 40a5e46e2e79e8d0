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
        assertThat(Files.readAllLines(out)).containsExactly(
                "sample,images,class,count,expected_count",
                "station7,2,a,2,1.500",
                "station7,2,b,0,0.500",
                "station8,1,a,0,0.200",
                "station8,1,b,1,0.800");
        assertThat(t.samples()).isEqualTo(2);
        assertThat(AbundanceTable.sampleOf(Path.of("/x.jpg"), 3)).isEqualTo("(none)");
    }
}
