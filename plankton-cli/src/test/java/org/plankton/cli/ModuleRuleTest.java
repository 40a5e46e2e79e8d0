package org.plankton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plankton.core.metrics.Argmax;
import org.plankton.core.testing.ModuleRule;
import org.plankton.nn.infer.Classifier;
import org.plankton.onnx.OrtEngine;
import org.plankton.server.PlanktonServer;

/**
 * The module rule of docs/architecture.md, checked on the compiled classes of every module the CLI sees:
 * dependencies point towards core, nn does not know ONNX exists, the server does not know the CLI.
 * (Spark's own classes are checked in plankton-spark's tests.)
 */
class ModuleRuleTest {

    @Test
    void theRuleSeesWhatAModuleUses() throws Exception {
        // the CLI uses every module but Spark: the same scan that finds nothing below finds these
        assertThat(ModuleRule.violations(PlanktonCli.class, Set.of("core", "nn", "onnx", "server", "spark")))
                .anyMatch(v -> v.endsWith("-> org.plankton.core"))
                .anyMatch(v -> v.endsWith("-> org.plankton.nn"))
                .anyMatch(v -> v.endsWith("-> org.plankton.onnx"))
                .anyMatch(v -> v.endsWith("-> org.plankton.server"))
                .noneMatch(v -> v.endsWith("-> org.plankton.spark"));
    }

    @Test
    void coreKnowsNoOtherModule() throws Exception {
        assertThat(ModuleRule.violations(Argmax.class, Set.of("nn", "onnx", "cli", "server", "spark"))).isEmpty();
    }

    @Test
    void nnKnowsOnlyCore() throws Exception {
        assertThat(ModuleRule.violations(Classifier.class, Set.of("onnx", "cli", "server", "spark"))).isEmpty();
    }

    @Test
    void onnxKnowsOnlyCoreAndNn() throws Exception {
        assertThat(ModuleRule.violations(OrtEngine.class, Set.of("cli", "server", "spark"))).isEmpty();
    }

    @Test
    void serverDoesNotKnowTheCliOrSpark() throws Exception {
        assertThat(ModuleRule.violations(PlanktonServer.class, Set.of("cli", "spark"))).isEmpty();
    }
}
