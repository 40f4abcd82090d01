package dev.embeddings.eval;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * All evaluation results for one vector file, keyed by test-set file name; serialises to the JSON layout
 * {@code {"vocabulary", "dimension", "analogy": {name: ...}, "similarity": {name: ...}}}.
 */
@JsonPropertyOrder({"vocabulary", "dimension", "analogy", "similarity"})
public record EvaluationReport(int vocabulary, int dimension, Map<String, AnalogyResult> analogy,
                               Map<String, SimilarityResult> similarity) {

    private static final ObjectMapper JSON = dev.embeddings.io.Json.MAPPER;

    public EvaluationReport {
        // Copies that keep the caller's order, so the JSON lists sets as they were given.
        analogy = Collections.unmodifiableMap(new LinkedHashMap<>(analogy));
        similarity = Collections.unmodifiableMap(new LinkedHashMap<>(similarity));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EvaluationReport fromJson(String json) throws JsonProcessingException {
        return JSON.readValue(json, EvaluationReport.class);
    }

    /** A plain-text table: accuracies in percent, correlations as coefficients. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "vocabulary %,d, dimension %d%n", vocabulary, dimension));
        analogy.forEach((name, r) -> {
            out.append(String.format(Locale.ROOT, "%nanalogy %s: 3CosAdd %.2f%%, 3CosMul %.2f%%, semantic %.2f%%,"
                            + " syntactic %.2f%%, seen %d of %d (coverage %.2f%%)%n", name, 100 * r.accuracy(),
                    100 * r.accuracyCosMul(), 100 * r.semantic(), 100 * r.syntactic(), r.seen(), r.total(),
                    100 * r.coverage()));
            out.append(String.format(Locale.ROOT, "  %-32s %8s %8s %13s%n", "section", "3CosAdd", "3CosMul",
                    "seen/total"));
            r.sections().forEach((section, s) -> out.append(String.format(Locale.ROOT,
                    "  %-32s %7.2f%% %7.2f%% %6d/%-6d%n", section, 100 * s.accuracy(), 100 * s.accuracyCosMul(),
                    s.seen(), s.total())));
        });
        if (!similarity.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n%-34s %8s %8s %6s %8s%n", "similarity", "spearman", "pearson",
                    "pairs", "missing"));
            similarity.forEach((name, r) -> out.append(String.format(Locale.ROOT, "%-34s %8s %8s %6d %8d%n",
                    name, coefficient(r.spearman()), coefficient(r.pearson()), r.pairs(), r.missing())));
        }
        return out.toString();
    }

    private static String coefficient(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }
}
