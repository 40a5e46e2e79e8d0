package org.plankton.server.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.server.abundance.ClassAbundance;
import org.plankton.server.abundance.ClassSize;
import org.plankton.server.abundance.Concentration;
import org.plankton.server.images.Annotation;
import org.plankton.server.images.ClassCount;
import org.plankton.server.images.ImageRecord;
import org.plankton.server.images.Status;
import org.plankton.server.inference.Prediction;
import org.plankton.server.inference.Trust;
import org.plankton.server.ingest.Outcome;
import org.plankton.server.samples.SampleRecord;
import org.plankton.server.samples.SampleMetadata;

/** Records to the JSON shapes documented in openapi.json (snake_case, stable field order). */
final class Views {

    static final int TOP = 5;

    private Views() {
    }

    static Map<String, Object> sample(SampleRecord s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("description", s.description());
        m.put("created", s.created());
        m.put("images", s.images());
        for (String field : SampleMetadata.FIELDS) {
            m.put(field, s.metadata().get(field));
        }
        return m;
    }

    static Map<String, Object> image(ImageRecord i, boolean withProbabilities) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("sample_id", i.sampleId());
        m.put("file", i.originalName());
        m.put("sha256", i.sha256());
        m.put("format", i.format().toLowerCase());
        m.put("width", i.width());
        m.put("height", i.height());
        m.put("model", i.modelId());
        m.put("predicted_class", i.predictedClass());
        m.put("predicted_prob", i.predictedProb());
        m.put("status", i.status().json());
        m.put("corrected", i.status() != Status.PREDICTED && !i.label().equals(i.predictedClass()));
        m.put("label", i.label());
        m.put("annotated_by", i.annotatedBy());
        m.put("annotated_at", i.annotatedAt());
        m.put("created", i.created());
        m.put("thumbnail_url", "/api/images/" + i.id() + "/thumbnail");
        m.put("file_url", "/api/images/" + i.id() + "/file");
        trust(m, i.trust());
        m.put("top", top(i.probabilities()));
        if (withProbabilities) {
            m.put("probabilities", i.probabilities());
        }
        return m;
    }

    static Map<String, Object> annotation(Annotation a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("image_id", a.imageId());
        m.put("action", a.action());
        m.put("label", a.label());
        m.put("who", a.who());
        m.put("created", a.created());
        m.put("undoes", a.undoes());
        return m;
    }

    /** A counts row: the counts, the current count's 95% interval, concentrations and sizes (nulls where unknown). */
    static Map<String, Object> count(ClassAbundance a) {
        ClassCount c = a.count();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class", c.label());
        m.put("predicted", c.predicted());
        m.put("validated", c.validated());
        m.put("current", c.current());
        m.put("current_low", a.countLow());
        m.put("current_high", a.countHigh());
        Concentration k = a.concentration();
        m.put("concentration_per_l", k == null ? null : k.perL());
        m.put("concentration_per_l_low", k == null ? null : k.lowPerL());
        m.put("concentration_per_l_high", k == null ? null : k.highPerL());
        m.put("concentration_per_m3", k == null ? null : k.perM3());
        m.put("concentration_per_m3_low", k == null ? null : k.lowPerM3());
        m.put("concentration_per_m3_high", k == null ? null : k.highPerM3());
        ClassSize z = a.size();
        m.put("mean_esd_um", z == null ? null : z.meanEsdUm());
        m.put("total_biovolume_mm3", z == null ? null : z.totalBiovolumeMm3());
        m.put("sized_objects", z == null ? 0 : z.measured());
        return m;
    }

    static Map<String, Object> outcome(Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", o.name());
        m.put("state", o.state());
        m.put("sha256", o.sha256());
        if (o.error() != null) {
            m.put("error", o.error());
            return m;
        }
        m.put("format", o.format());
        m.put("width", o.width());
        m.put("height", o.height());
        if (o.imageId() != null) {
            m.put("image_id", o.imageId());
        }
        Prediction p = o.prediction();
        if (p != null) {
            m.put("model", p.modelId());
            m.put("predicted_class", p.topClass());
            m.put("predicted_prob", p.topProbability());
            List<Map<String, Object>> top = new ArrayList<>();
            for (Map.Entry<String, Float> e : p.top(TOP)) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("class", e.getKey());
                t.put("probability", e.getValue());
                top.add(t);
            }
            m.put("top", top);
            trust(m, p.trust());
            m.put("probabilities", p.asMap());
        }
        return m;
    }

    /** The trust fields, named as classify --details names its columns; nulls where not computed. */
    static void trust(Map<String, Object> m, Trust t) {
        m.put("ood_score", t.oodScore());
        m.put("out_of_domain", t.outOfDomain());
        m.put("group", t.group());
        m.put("group_probability", t.groupProbability());
        m.put("prediction_set", t.predictionSet());
        m.put("accepted", t.accepted());
    }

    /** The {@value #TOP} most probable classes, most probable first, as {class, probability}. */
    static List<Map<String, Object>> top(Map<String, Double> probabilities) {
        return probabilities.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).map(e -> {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("class", e.getKey());
                    t.put("probability", e.getValue());
                    return t;
                }).toList();
    }

    static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    static Map<String, Object> error(String message, Map<String, Object> details) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.putAll(details);
        return m;
    }
}
