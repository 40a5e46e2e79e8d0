package org.plankton.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelledDatasetTest {

    @Test
    void keepsOnlyClassesWithEnoughImagesAndRelabelsThem() {
        ClassList classes = ClassList.of(List.of("a", "b", "c"));
        List<Sample> samples = new ArrayList<>();
        int[] counts = {5, 2, 6};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < counts[c]; i++) {
                samples.add(new Sample(Path.of(classes.name(c), i + ".png"), c));
            }
        }
        LabelledDataset all = new LabelledDataset(classes, samples, List.of());
        LabelledDataset kept = all.keepClassesWithAtLeast(5);
        assertThat(kept.classes().names()).containsExactly("a", "c");
        assertThat(kept.samples()).hasSize(11);
        assertThat(kept.samples()).allSatisfy(s ->
                assertThat(s.path().getParent().toString()).isEqualTo(kept.classes().name(s.label())));
        assertThat(all.keepClassesWithAtLeast(1)).isSameAs(all);
    }
}
