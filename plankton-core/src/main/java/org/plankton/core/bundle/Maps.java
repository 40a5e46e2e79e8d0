package org.plankton.core.bundle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Order-preserving immutable copies: {@code Map.copyOf} would scramble JSON key order. */
final class Maps {

    private Maps() {
    }

    static Map<String, Object> frozen(Map<String, Object> map, String what) {
        if (map == null) {
            throw new IllegalArgumentException(what + " must not be null (use an empty map)");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
