package org.plankton.server.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.server.TestModel;
import org.plankton.core.testing.TestFiles;

/** Model ids: a different model never shares an id, a copied one keeps it. */
class ModelIdentityTest {

    @TempDir
    Path tmp;


    /** A copy of {@code model} with one weight byte changed (and its manifest hash updated to match). */
    static Path retrained(Path model, Path to) throws Exception {
        TestFiles.copyTree(model, to);
        Path weights = BundleReader.read(to).weightsPath();
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 1] ^= 1; // the low bits of the last float
        Files.write(weights, bytes);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String oldSha = BundleReader.read(model).manifest().weightsSha256();
        Path manifest = to.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace(oldSha, sha));
        return to;
    }

    @Test
    void modelIdFollowsTheWeightsNotTheFolder() throws Exception {
        Path model = TestModel.model();
        Path copy = tmp.resolve("a/tiny-model");
        TestFiles.copyTree(model, copy);
        Path changed = retrained(model, tmp.resolve("b/tiny-model"));
        String id = ModelIdentity.of(model, BundleReader.read(model));
        assertThat(id).startsWith("tiny-model@").hasSize("tiny-model@".length() + 12);
        assertThat(ModelIdentity.of(copy, BundleReader.read(copy))).isEqualTo(id);
        assertThat(ModelIdentity.of(changed, BundleReader.read(changed))).isNotEqualTo(id);
    }

    @Test
    void anEnsembleWithAMemberRetrainedInPlaceGetsANewId() throws Exception {
        Path model = TestModel.model();
        Path first = tmp.resolve("x/ensemble");
        EnsembleBundle.write(first, List.of(model, model), new double[] {0.5, 0.5}, Map.of());
        // The same ensemble.json byte for byte; only member 1's weights differ.
        Path second = tmp.resolve("y/ensemble");
        TestFiles.copyTree(first, second);
        Path member = second.resolve("members/1");
        Path replacement = retrained(member, tmp.resolve("member-retrained"));
        try (Stream<Path> s = Files.list(replacement)) {
            for (Path p : s.toList()) {
                Files.copy(p, member.resolve(p.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(second.resolve(EnsembleBundle.FILE)).hasSameBinaryContentAs(first.resolve(EnsembleBundle.FILE));

        String a = ModelIdentity.of(first, BundleReader.read(EnsembleBundle.read(first).members().get(0)));
        String b = ModelIdentity.of(second, BundleReader.read(EnsembleBundle.read(second).members().get(0)));
        assertThat(a).startsWith("ensemble@");
        assertThat(b).startsWith("ensemble@").isNotEqualTo(a);
        Path copy = tmp.resolve("z/ensemble");
        TestFiles.copyTree(first, copy);
        assertThat(ModelIdentity.of(copy, BundleReader.read(EnsembleBundle.read(copy).members().get(0)))).isEqualTo(a);
    }
}
