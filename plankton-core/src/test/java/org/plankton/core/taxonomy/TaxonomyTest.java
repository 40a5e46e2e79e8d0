package org.plankton.core.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.data.ClassList;

class TaxonomyTest {

    @TempDir
    Path tmp;

    private static final ClassList NDSB_LIKE = ClassList.ordered(List.of("copepod_calanoid", "copepod_calanoid_eggs",
            "copepod_calanoid_large", "copepod_cyclopoid_oithona", "copepod_cyclopoid_oithona_eggs", "decapods",
            "shrimp_zoea", "artifacts", "artifacts_edge", "polychaete", "hydromedusae_liriope", "ephyra"));

    @Test
    void derivesGroupsFromTheFirstTokenTableAndSharedPrefixes() {
        Taxonomy t = NameTaxonomy.derive(NDSB_LIKE);
        assertThat(t.path(0)).containsExactly("crustaceans", "copepods", "copepod_calanoid*");
        assertThat(t.path(1)).containsExactly("crustaceans", "copepods", "copepod_calanoid*");
        // copepod_cyclopoid_oithona* has the same two classes as copepod_cyclopoid*: only the shorter one is kept
        assertThat(t.path(3)).containsExactly("crustaceans", "copepods", "copepod_cyclopoid*");
        assertThat(t.path(5)).containsExactly("crustaceans", "shrimp-like");
        assertThat(t.path(6)).containsExactly("crustaceans", "shrimp-like");
        assertThat(t.path(7)).containsExactly("artifacts*");
        assertThat(t.path(9)).isEmpty();
        assertThat(t.path(11)).containsExactly("gelatinous", "medusae");
        GroupLevel top = t.topLevel();
        assertThat(top.groups().names()).containsExactly("crustaceans", "artifacts*", "polychaete", "gelatinous");
    }

    @Test
    void backsOffToTheMostSpecificNodeReachingTheThreshold() {
        Taxonomy t = NameTaxonomy.derive(NDSB_LIKE);
        float[] p = new float[12];
        p[1] = 0.5f; // calanoid eggs
        p[2] = 0.35f; // large calanoid
        p[3] = 0.1f;
        p[9] = 0.05f;
        GroupPrediction g = t.backOff(p, 0.8);
        assertThat(g.name()).isEqualTo("copepod_calanoid*");
        assertThat(g.probability()).isBetween(0.849, 0.851);
        assertThat(g.isClass()).isFalse();
        assertThat(t.backOff(p, 0.5).name()).isEqualTo("copepod_calanoid_eggs");
        assertThat(t.backOff(p, 0.5).isClass()).isTrue();
        assertThat(t.backOff(p, 0.9).name()).isEqualTo("copepods");
        assertThat(t.backOff(p, 0.99).name()).isEqualTo(Taxonomy.ROOT);
        assertThat(t.holds("copepods", 2)).isTrue();
        assertThat(t.holds("copepods", 9)).isFalse();
    }

    @Test
    void topLevelSumsProbabilities() {
        GroupLevel top = NameTaxonomy.derive(NDSB_LIKE).topLevel();
        float[] p = new float[12];
        p[0] = 0.25f;
        p[6] = 0.25f;
        p[9] = 0.5f;
        assertThat(top.project(p)).containsExactly(0.5f, 0f, 0.5f, 0f);
    }

    @Test
    void readsTaxonomyCsvAndRoundTrips() throws IOException {
        ClassList classes = ClassList.ordered(List.of("a", "b", "c"));
        Path f = tmp.resolve("taxonomy.csv");
        Files.writeString(f, "class,path\na,animals/small\nb,animals\nc,\n");
        Taxonomy t = TaxonomyCsv.read(f, classes);
        assertThat(t.path(0)).containsExactly("animals", "small");
        assertThat(t.path(2)).isEmpty();
        Path g = tmp.resolve("again.csv");
        TaxonomyCsv.write(t, g);
        assertThat(TaxonomyCsv.read(g, classes).path(0)).containsExactly("animals", "small");
        Files.writeString(tmp.resolve(Taxonomy.FILE), Files.readString(f));
        assertThat(Taxonomy.forBundle(tmp, classes).path(1)).containsExactly("animals");
    }

    @Test
    void badTaxonomyCsvNamesFileAndLine() throws IOException {
        ClassList classes = ClassList.ordered(List.of("a", "b"));
        Path f = tmp.resolve("taxonomy.csv");
        Files.writeString(f, "class,path\na,x\nzzz,x\n");
        assertThatThrownBy(() -> TaxonomyCsv.read(f, classes)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("line 3").hasMessageContaining("zzz");
        Files.writeString(f, "class,path\na,x//y\nb,\n");
        assertThatThrownBy(() -> TaxonomyCsv.read(f, classes)).hasMessageContaining("line 2");
        Files.writeString(f, "name,group\n");
        assertThatThrownBy(() -> TaxonomyCsv.read(f, classes)).hasMessageContaining("line 1").hasMessageContaining("header");
        Files.writeString(f, "class,path\na,x\n");
        assertThatThrownBy(() -> TaxonomyCsv.read(f, classes)).hasMessageContaining("'b'").hasMessageContaining("missing");
        Files.writeString(f, "class,path\na,x/y\nb,z/y\n");
        assertThatThrownBy(() -> TaxonomyCsv.read(f, classes)).hasMessageContaining("two parents");
        Files.writeString(f, "class,path\na,x,y\nb,\n");
        assertThatThrownBy(() -> TaxonomyCsv.read(f, classes)).hasMessageContaining("line 2").hasMessageContaining("2 fields");
    }
}
