package org.plankton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plankton.core.testing.ModuleRule;

/**
 * The Spark job depends on core, nn and onnx only (docs/architecture.md): never on the CLI, which its
 * tests have on the class path to compare with {@code classify}, nor on the server.
 */
class ModuleRuleTest {

    @Test
    void sparkDoesNotKnowTheCliOrTheServer() throws Exception {
        assertThat(ModuleRule.violations(SparkClassify.class, Set.of("cli", "server"))).isEmpty();
    }
}
