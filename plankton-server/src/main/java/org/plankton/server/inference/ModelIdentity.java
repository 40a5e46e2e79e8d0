package org.plankton.server.inference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.bundle.Sha256;

/**
 * A stable, short id for the model that produced a prediction: {@code <folder name>@<12 hex>}.
 *
 * <p>The hex part comes from the weights' SHA-256 (already in the manifest), or for an ensemble
 * from {@code ensemble.json} plus every member's weights hash, so two different models never
 * share an id even when their folders have the same name, and a copied bundle keeps its id.
 */
public final class ModelIdentity {

    private ModelIdentity() {
    }

    public static String of(Path directory, ModelBundle first) throws IOException {
        String name = directory.toAbsolutePath().normalize().getFileName().toString();
        String hash;
        if (EnsembleBundle.isEnsemble(directory)) {
            try {
                MessageDigest md = Sha256.newDigest();
                md.update(Files.readAllBytes(directory.resolve(EnsembleBundle.FILE)));
                // ensemble.json names the members' folders, not their contents: a member retrained
                // in place must change the id too.
                for (Path member : EnsembleBundle.read(directory).members()) {
                    md.update(BundleReader.read(member).manifest().weightsSha256().getBytes(StandardCharsets.US_ASCII));
                }
                hash = Sha256.hex(md);
            } catch (BundleException e) {
                throw new IOException(e.getMessage(), e);
            }
        } else {
            hash = first.manifest().weightsSha256();
        }
        return name + "@" + hash.substring(0, Math.min(12, hash.length()));
    }
}
