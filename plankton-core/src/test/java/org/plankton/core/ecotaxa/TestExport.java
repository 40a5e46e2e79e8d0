package org.plankton.core.ecotaxa;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.plankton.core.testing.SyntheticPlankton;

/** A small EcoTaxa export written the way EcoTaxa's own exports are (every text cell quoted, with hierarchy). */
final class TestExport {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    static byte[] png(long seed) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(SyntheticPlankton.draw("disc", new Random(seed)), "png", b);
        return b.toByteArray();
    }

    /** A TSV with header, type row and rows of (img, id, category, status, hierarchy). */
    TestExport tsv(String name, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("\uFEFF");
        b.append(q("img_file_name")).append('\t').append(q("object_id")).append('\t')
                .append(q("object_annotation_status")).append('\t').append(q("object_annotation_category"))
                .append('\t').append(q("object_annotation_hierarchy")).append("\r\n");
        b.append("\"[t]\"\t\"[t]\"\t\"[t]\"\t\"[t]\"\t\"[t]\"\r\n");
        for (List<String> r : rows) {
            b.append(String.join("\t", r.stream().map(TestExport::q).toList())).append("\r\n");
        }
        return entry(name, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    TestExport entry(String name, byte[] data) {
        entries.put(name, data);
        return this;
    }

    Path writeZip(Path file) throws IOException {
        try (OutputStream o = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(o)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }

    Path writeFolder(Path dir) throws IOException {
        for (var e : entries.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        return dir;
    }

    private static String q(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
