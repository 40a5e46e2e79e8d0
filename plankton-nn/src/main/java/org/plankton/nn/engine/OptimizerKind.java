package org.plankton.nn.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The optimisers a run can train with (formulas in {@link OptimizerConfig}). An enum so a typo is
 * refused once, where the word is read, instead of strings compared in several places; the word
 * itself ({@link #id()}, lowercase) is what the command line takes and what a bundle's
 * {@code train_config} records, so old bundles and scripts keep working.
 */
public enum OptimizerKind {
    /** SGD with Nesterov momentum (the recipe). */
    NESTEROV("nesterov"),
    /** AdamW, decoupled weight decay. */
    ADAMW("adamw");

    private final String id;

    OptimizerKind(String id) {
        this.id = id;
    }

    /** The lowercase word: {@code nesterov} or {@code adamw}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the known words when {@code word} is none of them */
    @JsonCreator
    public static OptimizerKind parse(String word) {
        for (OptimizerKind k : values()) {
            if (k.id.equals(word)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + word + "' (known: "
                + Arrays.stream(values()).map(OptimizerKind::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
