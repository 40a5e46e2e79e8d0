package org.plankton.core.ecotaxa;

import java.io.IOException;

/** An export that cannot be read at all (as opposed to single bad rows, which are reported and skipped). */
public final class EcoTaxaFormatException extends IOException {
    public EcoTaxaFormatException(String message) {
        super(message);
    }
}
