package org.plankton.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void baseHasOrderedSnakeCaseKeys() {
        Map<String, Object> m = Provenance.base();
        assertThat(m.keySet()).containsExactly("plankton_version", "java_version", "java_vendor", "os",
                "host_cores", "git_commit", "timestamp");
        assertThat(m.get("plankton_version")).isEqualTo("dev");
        assertThat((String) m.get("git_commit")).matches("unknown|[0-9a-f]{40}([0-9a-f]{24})?");
        assertThat((Integer) m.get("host_cores")).isPositive();
        assertThat(Instant.parse((String) m.get("timestamp"))).isBefore(Instant.now().plusSeconds(1));
        m.put("seed", 1); // callers extend it
    }
}
