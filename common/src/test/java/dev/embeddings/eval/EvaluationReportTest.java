package dev.embeddings.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embeddings.vectors.WordVectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    private static EvaluationReport report() throws IOException {
        WordVectors v = WordVectors.of(new String[] {"man", "woman", "king", "queen", "apple"}, new float[] {
            0, 1, 0,
            0, -1, 0,
            1, 1, 0,
            1, -1, 0,
            0, 0, 1}, 3);
        AnalogyQuestions analogies = AnalogyQuestions.read(stream(
                ": family\nman king woman queen\nman king woman prince\n"), "questions-words.txt");
        SimilarityPairs pairs = SimilarityPairs.read(stream("king\tqueen\t8\nman\tapple\t1\n"), "tiny.tsv");
        return Evaluation.run(v, List.of(analogies), List.of(pairs), new AnalogyConfig(100, 1));
    }

    @Test
    void jsonHasTheAgreedLayout() throws IOException {
        JsonNode json = new ObjectMapper().readTree(report().toJson());
        assertEquals(List.of("vocabulary", "dimension", "analogy", "similarity"), fieldNames(json));
        assertEquals(5, json.get("vocabulary").asInt());
        assertEquals(3, json.get("dimension").asInt());
        JsonNode analogy = json.get("analogy").get("questions-words.txt");
        assertEquals(List.of("accuracy", "accuracy_3cosmul", "semantic", "syntactic", "seen", "total", "coverage",
                "sections"), fieldNames(analogy));
        assertEquals(1.0, analogy.get("accuracy").asDouble());
        assertEquals(1, analogy.get("seen").asInt());
        assertEquals(2, analogy.get("total").asInt());
        assertEquals(0.5, analogy.get("coverage").asDouble());
        assertEquals(List.of("accuracy", "accuracy_3cosmul", "seen", "total"),
                fieldNames(analogy.get("sections").get("family")));
        JsonNode similarity = json.get("similarity").get("tiny.tsv");
        assertEquals(List.of("spearman", "pearson", "pairs", "missing"), fieldNames(similarity));
        assertTrue(similarity.get("spearman").isNull(), "two pairs give no correlation");
        assertEquals(2, similarity.get("pairs").asInt());
    }

    @Test
    void jsonReadsBackToAnEqualReport() throws IOException {
        EvaluationReport report = report();
        assertEquals(report, EvaluationReport.fromJson(report.toJson()));
    }

    @Test
    void tableShowsEverySetAndSection() throws IOException {
        String table = report().toTable();
        assertTrue(table.contains("questions-words.txt") && table.contains("family") && table.contains("tiny.tsv")
                && table.contains("coverage 50.00%") && table.contains("n/a"), table);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ByteArrayInputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }
}
