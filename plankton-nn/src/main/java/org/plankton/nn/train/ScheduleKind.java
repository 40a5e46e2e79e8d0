package org.plankton.nn.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The learning-rate schedules (shapes in {@link LearningRateSchedule}). An enum so a typo is refused
 * once, where the word is read; the lowercase word ({@link #id()}) is what the command line takes
 * and what a bundle's {@code train_config} records, so old bundles and scripts keep working.
 */
public enum ScheduleKind {
    COSINE("cosine"),
    STEP("step"),
    ONECYCLE("onecycle"),
    CONSTANT("constant");

    private final String id;

    ScheduleKind(String id) {
        this.id = id;
    }

    /** The lowercase word, e.g. {@code cosine}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the known words when {@code word} is none of them */
    @JsonCreator
    public static ScheduleKind parse(String word) {
        for (ScheduleKind k : values()) {
            if (k.id.equals(word)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown schedule '" + word + "' (known: "
                + Arrays.stream(values()).map(ScheduleKind::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
