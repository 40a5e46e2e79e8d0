package org.plankton.nn.torch;

/**
 * Reproduces DJL's parameter names while a network is built: a block's children are named
 * {@code String.format("%02d%s", index, name)} (index from 1, counting every child, parameter-free
 * ones such as activations, pooling and dropout too), and a parameter's full name is the path of
 * child names joined by {@code _} plus its own name ({@code 01convnet_05Conv2d_weight}).
 */
final class DjlScope {

    private final String prefix;
    private int children;

    private DjlScope(String prefix) {
        this.prefix = prefix;
    }

    /** The top block (its own parameters, if any, get no prefix). */
    static DjlScope root() {
        return new DjlScope("");
    }

    /** The next child, a block of DJL class (or LateFusion child) name {@code name}. */
    DjlScope child(String name) {
        children++;
        return new DjlScope(prefix + String.format("%02d%s_", children, name));
    }

    /** Counts a parameter-free child (LambdaBlock, Dropout): it takes an index but names nothing. */
    void skip() {
        children++;
    }

    /** What this block's parameters' names start with. */
    String prefix() {
        return prefix;
    }
}
