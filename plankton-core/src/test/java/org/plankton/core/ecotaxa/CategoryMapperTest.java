package org.plankton.core.ecotaxa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plankton.core.data.ClassList;
import org.plankton.core.ecotaxa.CategoryMapping.Rule;
import org.plankton.core.taxonomy.Taxonomy;

class CategoryMapperTest {

    /** copepod_calanoid and copepod_cyclopoid under "copepod"; "Oithona" under the one-class group "oithonidae". */
    private static Taxonomy taxonomy() {
        ClassList classes = ClassList.ordered(List.of("copepod_calanoid", "copepod_cyclopoid", "Oithona", "detritus"));
        return new Taxonomy(classes, List.of(List.of("copepod"), List.of("copepod"), List.of("oithonidae"), List.of()));
    }

    @Test
    void withoutAModelEveryCategoryKeepsItsSanitisedName() {
        CategoryMapper m = new CategoryMapper(Optional.empty());
        assertThat(m.map("Copepoda", "")).isEqualTo(new CategoryMapping("Copepoda", "Copepoda", Rule.NAME, ""));
        assertThat(m.map("part<Annelida", "").folder()).isEqualTo("part_Annelida");
        // a different category that sanitises alike (even only by case) is not merged into it
        assertThat(m.map("part>Annelida", "").folder()).isEqualTo("part_Annelida_2");
        assertThat(m.map("PART_annelida", "").folder()).isEqualTo("PART_annelida_3");
        assertThat(m.map("part<Annelida", "").folder()).isEqualTo("part_Annelida");
    }

    @Test
    void withAModelClassesThenOneClassGroupsThenTheHierarchyLeaf() {
        CategoryMapper m = new CategoryMapper(Optional.of(taxonomy()));
        assertThat(m.map("Detritus", "")).extracting(CategoryMapping::folder, CategoryMapping::rule)
                .containsExactly("detritus", Rule.CLASS);
        assertThat(m.map("Oithonidae", "")).extracting(CategoryMapping::folder, CategoryMapping::rule)
                .containsExactly("Oithona", Rule.GROUP);
        assertThat(m.map("Oithona<Oithonidae", "Oithona"))
                .extracting(CategoryMapping::folder, CategoryMapping::rule).containsExactly("Oithona", Rule.HIERARCHY);
        CategoryMapping ambiguous = m.map("copepod", "");
        assertThat(ambiguous.rule()).isEqualTo(Rule.NAME);
        assertThat(ambiguous.folder()).isEqualTo("copepod");
        assertThat(ambiguous.note()).isEqualTo("ambiguous: group copepod holds 2 classes");
        assertThat(m.map("Noctiluca", "").note()).isEqualTo("not in the model");
    }
}
