package org.plankton.core.ecotaxa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plankton.core.taxonomy.Taxonomy;

/**
 * Maps EcoTaxa categories to class folders. With a model's taxonomy, names are compared ignoring
 * case (as EcoTaxa does): a category equal to a class goes to that class; else a category, or the
 * last element of its hierarchy, equal to a class or to a group holding exactly one class goes
 * there. A group holding several classes is ambiguous (the objects cannot be spread over its
 * classes), so such a category keeps its own name, with a note. Without a model every category
 * keeps its own name. Two different categories never share a {@link CategoryMapping.Rule#NAME}
 * folder: a clash (also one that differs only by case, for case-insensitive file systems) gets a
 * {@code _2} suffix, so labels are never merged silently.
 */
public final class CategoryMapper {

    private final Optional<Taxonomy> taxonomy;
    private final Map<String, CategoryMapping> byCategory = new LinkedHashMap<>();
    /** lowercased folder -> the category that took it under Rule.NAME */
    private final Map<String, String> nameFolders = new HashMap<>();
    private final Set<String> modelFolders = new HashSet<>();

    public CategoryMapper(Optional<Taxonomy> taxonomy) {
        this.taxonomy = taxonomy;
        taxonomy.ifPresent(t -> t.classes().names().forEach(n -> modelFolders.add(n.toLowerCase(Locale.ROOT))));
    }

    /** The mapping of {@code category}; the first row seen decides (its hierarchy is the category's anyway). */
    public CategoryMapping map(String category, String hierarchyLeaf) {
        return byCategory.computeIfAbsent(category, c -> decide(c, hierarchyLeaf));
    }

    /** Every mapping decided so far, in first-seen order. */
    public List<CategoryMapping> mappings() {
        return new ArrayList<>(byCategory.values());
    }

    private CategoryMapping decide(String category, String leaf) {
        String note = "";
        if (taxonomy.isPresent()) {
            Taxonomy t = taxonomy.get();
            Optional<String> cls = findClass(t, category);
            if (cls.isPresent()) {
                return new CategoryMapping(category, cls.get(), CategoryMapping.Rule.CLASS, "");
            }
            Match g = viaGroup(t, category);
            if (g.folder != null) {
                return new CategoryMapping(category, g.folder, CategoryMapping.Rule.GROUP, g.note);
            }
            note = g.note;
            if (!leaf.isEmpty() && !leaf.equalsIgnoreCase(category)) {
                Optional<String> leafClass = findClass(t, leaf);
                Match lg = leafClass.isPresent() ? new Match(leafClass.get(), "hierarchy ends in class "
                        + leafClass.get()) : viaGroup(t, leaf);
                if (lg.folder != null) {
                    return new CategoryMapping(category, lg.folder, CategoryMapping.Rule.HIERARCHY, lg.note);
                }
                note = note.isEmpty() ? lg.note : note;
            }
        }
        return new CategoryMapping(category, nameFolder(category), CategoryMapping.Rule.NAME,
                note.isEmpty() && taxonomy.isPresent() ? "not in the model" : note);
    }

    private record Match(String folder, String note) {
    }

    private static Optional<String> findClass(Taxonomy t, String name) {
        return t.classes().names().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst();
    }

    private static Match viaGroup(Taxonomy t, String name) {
        Optional<String> group = t.groups().stream().filter(g -> g.equalsIgnoreCase(name)).findFirst();
        if (group.isEmpty()) {
            return new Match(null, "");
        }
        List<String> members = new ArrayList<>();
        for (int c = 0; c < t.classes().size(); c++) {
            if (t.holds(group.get(), c)) {
                members.add(t.classes().name(c));
            }
        }
        if (members.size() == 1) {
            return new Match(members.get(0), "group " + group.get() + " holds only " + members.get(0));
        }
        return new Match(null, "ambiguous: group " + group.get() + " holds " + members.size() + " classes");
    }

    private String nameFolder(String category) {
        String base = FolderNames.sanitise(category);
        String folder = base;
        for (int k = 2; ; k++) {
            String key = folder.toLowerCase(Locale.ROOT);
            String owner = nameFolders.get(key);
            if ((owner == null || owner.equals(category)) && !modelFolders.contains(key)) {
                nameFolders.put(key, category);
                return folder;
            }
            folder = base + "_" + k;
        }
    }
}
