package org.plankton.core.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the bundled pre-trained model lives, so that every command taking {@code --model} works
 * without it. Looked up, in order: the {@code --model} the user gave; the environment variable
 * {@code PLANKTON_MODEL}; {@code models/ndsb-v6} under the installation ({@code -Dplankton.home},
 * set by the {@code ./plankton} launcher); {@code models/ndsb-v6} under the working directory.
 */
public final class DefaultModel {

    /** Folder name of the bundled model inside {@code models/}. */
    public static final String NAME = "ndsb-v6";
    /** Environment variable that overrides the default model. */
    public static final String ENV = "PLANKTON_MODEL";
    /** System property naming the installation folder (the repository root). */
    public static final String HOME_PROPERTY = "plankton.home";

    private DefaultModel() {
    }

    /** The model to load: {@code explicit} when given, else the default model. */
    public static Path resolve(Path explicit) throws BundleException {
        return resolve(explicit, System.getenv(), System.getProperty(HOME_PROPERTY), Path.of(""));
    }

    /** As {@link #resolve(Path)}, with the environment spelled out (for tests). */
    static Path resolve(Path explicit, Map<String, String> env, String home, Path workingDir) throws BundleException {
        if (explicit != null) {
            return explicit;
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path relative = Path.of("models", NAME);
        if (home != null && !home.isBlank()) {
            Path installed = Path.of(home).resolve(relative);
            if (Files.isDirectory(installed)) {
                return installed;
            }
        }
        Path local = workingDir.resolve(relative);
        if (Files.isDirectory(local)) {
            return local;
        }
        Path expected = home != null && !home.isBlank() ? Path.of(home).resolve(relative) : local;
        throw new BundleException(expected, "no --model given and the default model is not there"
                + " (pass --model DIR or set " + ENV + ")");
    }
}
