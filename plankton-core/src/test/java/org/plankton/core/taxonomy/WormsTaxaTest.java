package org.plankton.core.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WormsTaxaTest {

    @Test
    void everyNdsbClassIsMappedAndNonLivingClassesHaveNoTaxon() throws Exception {
        WormsTaxa t = WormsTaxa.ndsb();
        Path classes = Path.of("..", "models", "ndsb-v4", "classes.txt");
        List<String> names = Files.readAllLines(classes).stream().filter(s -> !s.isBlank()).toList();
        assertThat(names).hasSize(121);
        for (String c : names) {
            assertThat(t.of(c)).as(c).isPresent();
        }
        assertThat(t.all()).hasSize(121);
        WormsTaxon copepod = t.of("copepod_other").orElseThrow();
        assertThat(copepod.scientificName()).isEqualTo("Copepoda");
        assertThat(copepod.lsid()).isEqualTo("urn:lsid:marinespecies.org:taxname:1080");
        assertThat(t.of("chaetognath_other").orElseThrow().aphiaId()).isEqualTo(2081L);
        WormsTaxon detritus = t.of("detritus_other").orElseThrow();
        assertThat(detritus.isOrganism()).isFalse();
        assertThat(detritus.scientificName()).isEmpty();
        assertThat(detritus.aphiaId()).isNull();
        assertThat(t.isScientificName("calanoida")).isTrue();
        assertThat(t.isScientificName("banana")).isFalse();
    }

    @Test
    void refusesAWrongHeaderAndAnIdThatIsNotANumber() {
        assertThatThrownBy(() -> WormsTaxa.parse("class,name\n")).hasMessageContaining("header");
        assertThatThrownBy(() -> WormsTaxa.parse("class,scientific_name,aphia_id,rank,parent_group\na,A,x1,Order,g\n"))
                .hasMessageContaining("line 2");
    }
}
