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

/** Reads a bundle's domain model, checking that it describes the bundle's weights. */
public final class DomainModels {

    private DomainModels() {
    }

    /** The bundle's domain model, or empty when it has none (or is an ensemble). */
    public static Optional<DomainModel> of(Path bundleDir) throws BundleException {
        if (EnsembleBundle.isEnsemble(bundleDir)) {
            return Optional.empty();
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
        if (EnsembleBundle.isEnsemble(bundleDir)) {
            throw new BundleException(bundleDir, "is an ensemble, whose members have different features: check "
                    + "with one of its members (each has its own domain.json)");
        }
        return of(bundleDir).orElseThrow(() -> new BundleException(bundleDir, "the model has no domain model "
                + "(domain.json): run `plankton fit-domain --model " + bundleDir + " --data DIR` on its training data"));
    }
}
