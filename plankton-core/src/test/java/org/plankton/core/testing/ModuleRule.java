package org.plankton.core.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The module rule of docs/architecture.md (dependencies point towards core) as a test helper: which
 * compiled classes of a module refer to another module's package that they must not know. Maven's
 * reactor only refuses cycles; this catches the rest, e.g. a core class importing an nn type.
 *
 * <p>It reads the class files' constant pools (no ArchUnit offline here): every class, field and method
 * type a class uses is named there ({@code org/plankton/nn/...}), whether imported or written out in
 * full. String literals are skipped, so a message that mentions a package is no violation.
 */
public final class ModuleRule {

    private static final Pattern MODULE = Pattern.compile("org/plankton/([a-z]+)/");

    private ModuleRule() {
    }

    /**
     * The references from the classes compiled together with {@code anchor} (its class folder or jar) to
     * the modules {@code forbidden} ({@code "nn"} for {@code org.plankton.nn}), as {@code "Class -> module"}
     * lines; an IllegalStateException when no class is found (a rule that checks nothing).
     */
    public static List<String> violations(Class<?> anchor, Set<String> forbidden) throws IOException {
        Path location;
        try {
            location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> out = new ArrayList<>();
        int classes = 0;
        if (Files.isDirectory(location)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(location)) {
                files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            }
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    check(location.relativize(f).toString(), in, forbidden, out);
                }
                classes++;
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (var e : jar.stream().filter(e -> e.getName().endsWith(".class")).sorted(
                        java.util.Comparator.comparing(java.util.jar.JarEntry::getName)).toList()) {
                    try (InputStream in = jar.getInputStream(e)) {
                        check(e.getName(), in, forbidden, out);
                    }
                    classes++;
                }
            }
        }
        if (classes == 0) {
            throw new IllegalStateException("no classes found next to " + anchor.getName() + " in " + location);
        }
        return out;
    }

    private static void check(String name, InputStream in, Set<String> forbidden, List<String> out) throws IOException {
        Set<String> hits = new TreeSet<>();
        for (String ref : typeNames(new DataInputStream(in))) {
            Matcher m = MODULE.matcher(ref);
            while (m.find()) {
                if (forbidden.contains(m.group(1))) {
                    hits.add(m.group(1));
                }
            }
        }
        hits.forEach(module -> out.add(name + " -> org.plankton." + module));
    }

    /** The constant pool's UTF-8 entries other than string literals: class names, descriptors, signatures. */
    private static List<String> typeNames(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        boolean[] literal = new boolean[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // takes two slots
                }
                case 7, 16, 19, 20 -> in.readUnsignedShort();
                case 8 -> literal[in.readUnsignedShort()] = true;
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] != null && !literal[i]) {
                names.add(utf8[i]);
            }
        }
        return names;
    }
}
