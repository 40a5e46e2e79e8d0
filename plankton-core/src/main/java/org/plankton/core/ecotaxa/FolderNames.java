package org.plankton.core.ecotaxa;

import java.text.Normalizer;

/**
 * The rule that turns an EcoTaxa category (or object id) into a file or folder name, documented in
 * the README: Unicode NFC; letters, digits, space, {@code . _ - ( ) +} kept; every other character
 * (path separators, {@code <} of EcoTaxa's {@code name<parent} display names, {@code : * ? " | >},
 * controls) becomes {@code _}; runs of {@code _} collapse; leading dots and spaces and trailing dots
 * and spaces are dropped (no hidden folders, no {@code ..}, nothing Windows refuses); at most 100
 * characters; an empty result becomes {@code unnamed}. Spaces are kept so that labels such as
 * "Oithona similis" come back unchanged as class names.
 */
public final class FolderNames {

    static final int MAX = 100;

    private FolderNames() {
    }

    public static String sanitise(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder b = new StringBuilder();
        n.codePoints().forEach(c -> {
            boolean keep = Character.isLetterOrDigit(c) || c == ' ' || c == '.' || c == '_' || c == '-'
                    || c == '(' || c == ')' || c == '+';
            b.appendCodePoint(keep ? c : '_');
        });
        String s = b.toString().replaceAll("_{2,}", "_").replaceAll("^[. ]+", "").replaceAll("[. ]+$", "");
        if (s.length() > MAX) {
            s = s.substring(0, MAX).replaceAll("[. ]+$", "");
        }
        return s.isEmpty() ? "unnamed" : s;
    }
}
