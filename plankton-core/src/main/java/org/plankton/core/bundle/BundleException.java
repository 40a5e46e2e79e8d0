package org.plankton.core.bundle;

import java.nio.file.Path;

/**
 * A model bundle is missing, damaged, or of an unknown format. Checked, because loading a model
 * is a real boundary that a user can get wrong (wrong path, interrupted copy) and callers must
 * report it. The message always names the bundle path and the problem.
 */
public class BundleException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path bundle;

    public BundleException(Path bundle, String problem) {
        this(bundle, problem, null);
    }

    public BundleException(Path bundle, String problem, Throwable cause) {
        super(message(bundle, problem), cause);
        this.bundle = bundle;
    }

    /** The bundle directory the problem is about. */
    public Path bundle() {
        return bundle;
    }

    private static String message(Path bundle, String problem) {
        if (bundle == null || problem == null || problem.isBlank()) {
            throw new IllegalArgumentException("a bundle exception needs a bundle path and a problem, got "
                    + bundle + " / " + problem);
        }
        return problem.contains(bundle.toString()) ? problem : bundle + ": " + problem;
    }
}
