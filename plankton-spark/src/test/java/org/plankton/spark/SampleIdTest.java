package org.plankton.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SampleIdTest {

    @Test
    void levelOneIsTheParentFolder() {
        assertThat(SampleId.of("file:/data/tow7/img1.jpg", 1)).isEqualTo("tow7");
        assertThat(SampleId.of("hdfs://nn:8020/data/cruise/tow7/cam2/img1.jpg", 2)).isEqualTo("tow7");
        assertThat(SampleId.of("/data/tow7/img1.jpg", 1)).isEqualTo("tow7");
    }

    @Test
    void takesHadoopPathsAsSparkWritesThemAndSkipsEmptySegments() {
        assertThat(SampleId.of("file:/data/tow 7/img1.jpg", 1)).isEqualTo("tow 7");
        assertThat(SampleId.of("file:/data/a%20b/img1.jpg", 1)).isEqualTo("a%20b");
        assertThat(SampleId.of("file:///data//tow7/img1.jpg", 1)).isEqualTo("tow7");
    }

    @Test
    void tooFewFoldersGiveNull() {
        assertThat(SampleId.of("file:/img1.jpg", 1)).isNull();
        assertThat(SampleId.of("file:/a/img1.jpg", 2)).isNull();
        assertThatThrownBy(() -> SampleId.of("file:/a/b.jpg", 0)).hasMessageContaining("got 0");
    }
}
