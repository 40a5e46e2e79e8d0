package org.plankton.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultModelTest {

    @TempDir
    Path tmp;

    @Test
    void explicitModelWins() throws Exception {
        Path given = tmp.resolve("mine");
        assertThat(DefaultModel.resolve(given, Map.of(DefaultModel.ENV, "/elsewhere"), tmp.toString(), tmp))
                .isEqualTo(given);
    }

    @Test
    void environmentVariableComesNext() throws Exception {
        assertThat(DefaultModel.resolve(null, Map.of(DefaultModel.ENV, "/elsewhere"), tmp.toString(), tmp))
                .isEqualTo(Path.of("/elsewhere"));
    }

    @Test
    void installationFolderThenWorkingDirectory() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Path inCwd = Files.createDirectories(cwd.resolve("models").resolve(DefaultModel.NAME));
        assertThat(DefaultModel.resolve(null, Map.of(), home.toString(), cwd)).isEqualTo(inCwd);
        Path inHome = Files.createDirectories(home.resolve("models").resolve(DefaultModel.NAME));
        assertThat(DefaultModel.resolve(null, Map.of(), home.toString(), cwd)).isEqualTo(inHome);
    }

    @Test
    void missingDefaultNamesWhereItLooked() {
        assertThatThrownBy(() -> DefaultModel.resolve(null, Map.of(), tmp.toString(), tmp))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining(tmp.resolve("models").resolve(DefaultModel.NAME).toString())
                .hasMessageContaining("--model");
    }
}
