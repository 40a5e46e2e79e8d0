package org.plankton.nn.domain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.BundleReader;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.bundle.ModelBundle;
import org.plankton.core.domain.DomainFile;
import org.plankton.core.domain.DomainModel;

/**
 * Reads a bundle's domain model, checking that it describes the bundle's weights. An ensemble's is
 * its first member's: whether an image resembles the training images is a question about the image
 * and the training data its members share, not about the blend, so an ensemble scores each image on
 * its first member's penultimate features (computed in the same pass) against that member's statistics.
 */
public final class DomainModels {

    private DomainModels() {
    }

    /** The bundle's domain model (an ensemble's first member's), or empty when it has none. */
    public static Optional<DomainModel> of(Path bundleDir) throws BundleException {
        if (EnsembleBundle.isEnsemble(bundleDir)) {
            return of(EnsembleBundle.read(bundleDir).members().get(0));
        }
        ModelBundle bundle = BundleReader.read(bundleDir);
        Optional<Path> file = bundle.domainPath();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        DomainModel model;
        try {
            model = DomainFile.read(file.get());
        } catch (IOException e) {
            throw new BundleException(bundle.directory(), e.getMessage(), e);
        }
        if (model.weightsSha256() != null && !model.weightsSha256().equals(bundle.manifest().weightsSha256())) {
            throw new BundleException(bundle.directory(), "domain file " + file.get() + " was fitted to other weights; "
                    + "run `plankton fit-domain --model " + bundleDir + " --data DIR` again");
        }
        if (model.classes() != bundle.classes().size()) {
            throw new BundleException(bundle.directory(), "domain file " + file.get() + " has " + model.classes()
                    + " classes, the model " + bundle.classes().size());
        }
        return Optional.of(model);
    }

    /** As {@link #of}, a one-line error saying how to add one when the bundle has none. */
    public static DomainModel require(Path bundleDir) throws BundleException {
        Path owner = EnsembleBundle.isEnsemble(bundleDir) ? EnsembleBundle.read(bundleDir).members().get(0) : bundleDir;
        return of(bundleDir).orElseThrow(() -> new BundleException(bundleDir, "the model has no domain model "
                + "(domain.json): run `plankton fit-domain --model " + owner + " --data DIR` on its training data"));
    }
}
