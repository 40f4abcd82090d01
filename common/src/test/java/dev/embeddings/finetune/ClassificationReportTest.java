package dev.embeddings.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embeddings.io.Json;
import dev.embeddings.testing.DebianPython;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports hold and print what scikit-learn's {@code classification_report} and {@code confusion_matrix} give:
 * checked against scikit-learn itself where Debian's is installed, and against hand-computed figures.
 */
class ClassificationReportTest {

    private static final double EPS = 1e-12;

    @TempDir
    Path dir;

    /** Gold 0 0 0 1 1 2, predicted 0 0 1 1 2 2 over classes a, b, c (and d, never seen). */
    private static ClassificationReport small() {
        return ClassificationReport.of(new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 2, 2},
                List.of("a", "b", "c", "d"));
    }

    private static void assertPrf(double precision, double recall, double f1, long support, Prf actual) {
        assertEquals(precision, actual.precision(), EPS, "precision of " + actual);
        assertEquals(recall, actual.recall(), EPS, "recall of " + actual);
        assertEquals(f1, actual.f1(), EPS, "f1 of " + actual);
        assertEquals(support, actual.support(), "support of " + actual);
    }

    @Test
    void figuresAveragesAndConfusionMatrixMatchHandComputedOnes() {
        ClassificationReport r = small();
        // a: P 2/2 R 2/3 F 0.8 (3); b: P 1/2 R 1/2 F 0.5 (2); c: P 1/2 R 1 F 2/3 (1).
        assertEquals(List.of("a", "b", "c"), List.copyOf(r.perClass().keySet()), "d occurs nowhere: left out");
        assertPrf(1, 2.0 / 3, 0.8, 3, r.perClass().get("a"));
        assertPrf(0.5, 0.5, 0.5, 2, r.perClass().get("b"));
        assertPrf(0.5, 1, 2.0 / 3, 1, r.perClass().get("c"));
        assertEquals(4.0 / 6, r.accuracy(), EPS);
        assertEquals(6, r.support());
        assertPrf((1 + 0.5 + 0.5) / 3, (2.0 / 3 + 0.5 + 1) / 3, (0.8 + 0.5 + 2.0 / 3) / 3, 6, r.macroAvg());
        assertPrf((3 * 1 + 2 * 0.5 + 0.5) / 6, (3 * 2.0 / 3 + 2 * 0.5 + 1) / 6, (3 * 0.8 + 2 * 0.5 + 2.0 / 3) / 6, 6,
                r.weightedAvg());
        assertEquals(List.of(List.of(2L, 1L, 0L), List.of(0L, 1L, 1L), List.of(0L, 0L, 1L)),
                r.confusionMatrix().counts());
        assertEquals(List.of("a", "b", "c"), r.confusionMatrix().labels());
    }

    /** The text scikit-learn 1.2 prints for {@link #small()}. */
    @Test
    void textHasScikitLearnsLayout() {
        String expected = """
                              precision    recall  f1-score   support

                           a       1.00      0.67      0.80         3
                           b       0.50      0.50      0.50         2
                           c       0.50      1.00      0.67         1

                    accuracy                           0.67         6
                   macro avg       0.67      0.72      0.66         6
                weighted avg       0.75      0.67      0.68         6
                """;
        assertEquals(expected, small().text());
    }

    @Test
    void entityReportAveragesTheTypesAndScoresTokens() {
        EntityScorer scorer = new EntityScorer();
        // Gold PER[0,2) LOC[3,4); predicted PER[0,2) right, LOC[3,4) as ORG.
        scorer.add(List.of("B-PER", "I-PER", "O", "B-LOC"), List.of("B-PER", "I-PER", "O", "B-ORG"));
        EntityReport r = scorer.report();
        // PER 1/1/1 (1), LOC 0/0/0 (1), ORG 0/0/0 (0): macro over the three types, weighted by support.
        assertEquals(new Prf(1.0 / 3, 1.0 / 3, 1.0 / 3, 2), r.macroAvg());
        assertEquals(new Prf(0.5, 0.5, 0.5, 2), r.weightedAvg());
        assertEquals(new Prf(0.5, 0.5, 0.5, 2), r.microAvg());
        assertEquals(0.75, r.tokenAccuracy(), EPS);
        assertEquals(List.of("B-LOC", "B-ORG", "B-PER", "I-PER", "O"), r.tokens().confusionMatrix().labels());
        assertEquals(1L, r.tokens().confusionMatrix().count(0, 1), "B-LOC tagged B-ORG once");
        assertTrue(r.text().contains("   micro avg       0.50      0.50      0.50         2\n"), r.text());
    }

    @Test
    void reportsReadBackAsTheSameTypedRecords() throws IOException {
        EntityScorer scorer = new EntityScorer();
        scorer.add(List.of("B-PER", "I-PER", "O", "B-LOC"), List.of("B-PER", "O", "O", "B-LOC"));
        FineTuneConfig config = FineTuneConfig.defaults(ModelKind.BILSTM, EmbeddingMode.FINE_TUNE);
        LocalTrainer.Result training = new LocalTrainer.Result(2, 0.5, new double[] {0.25, 0.5}, 3.5);
        FineTuneReport written = new FineTuneReport(config.model(), config.embeddings(), config,
                new Coverage(3, 4, 10, 12), training, scorer.report(), small());
        Path file = dir.resolve(FineTuneReport.FILE);
        written.write(file);
        FineTuneReport read = FineTuneReport.read(file);
        assertEquals(written.dev(), read.dev());
        assertEquals(written.test(), read.test());
        assertEquals(written.settings(), read.settings());
        assertEquals(written.coverage(), read.coverage());
        assertEquals(training.bestEpoch(), read.training().bestEpoch());
        assertEquals(List.of(0.25, 0.5), List.of(read.training().devScores()[0], read.training().devScores()[1]));
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        // The names scripts read: snake_case, the headline figures at the top of each split.
        assertEquals("ner", json.path("dev").path("task").asText());
        assertEquals(written.dev().headline(), json.path("dev").path("f1").asDouble());
        assertEquals(small().accuracy(), json.path("test").path("accuracy").asDouble());
        assertEquals(0.75, json.path("coverage").path("type_share").asDouble(), EPS);
        assertEquals(0.01, json.path("settings").path("optimizer").path("weight_decay").asDouble());
    }

    /** Gold and predicted labels over a few classes, one class only ever predicted and one only gold. */
    private static List<List<String>> randomLabels(int n, long seed) {
        String[] gold = {"neg", "neutral", "pos", "x"};
        String[] predicted = {"neg", "neutral", "pos", "mixed-feelings"};
        Random random = new Random(seed);
        List<String> g = new ArrayList<>();
        List<String> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(gold.length);
            g.add(gold[label]);
            p.add(random.nextDouble() < 0.6 ? predicted[label] : predicted[random.nextInt(predicted.length)]);
        }
        return List.of(g, p);
    }

    @Test
    void classificationReportEqualsScikitLearns() throws Exception {
        DebianPython.assumeModule("sklearn", "python3-sklearn");
        for (List<List<String>> labels : List.of(randomLabels(500, 1), randomLabels(37, 2),
                List.of(List.of("a", "a", "a", "a", "a", "a", "a", "a", "b"),
                        List.of("a", "b", "b", "b", "b", "b", "b", "b", "b")))) {
            assertSameAsScikitLearn(ClassificationReport.of(labels.get(0), labels.get(1)), labels.get(0),
                    labels.get(1));
        }
    }

    @Test
    void tokenLevelNerReportEqualsScikitLearnsOverTheFlattenedTags() throws Exception {
        DebianPython.assumeModule("sklearn", "python3-sklearn");
        String[] tags = {"O", "O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "B-MISC"};
        Random random = new Random(5);
        EntityScorer scorer = new EntityScorer();
        List<String> allGold = new ArrayList<>();
        List<String> allPredicted = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            List<String> gold = new ArrayList<>();
            List<String> predicted = new ArrayList<>();
            for (int t = 0; t < 3 + random.nextInt(8); t++) {
                String tag = tags[random.nextInt(tags.length)];
                gold.add(tag);
                predicted.add(random.nextDouble() < 0.7 ? tag : tags[random.nextInt(tags.length)]);
            }
            scorer.add(gold, predicted);
            allGold.addAll(gold);
            allPredicted.addAll(predicted);
        }
        assertSameAsScikitLearn(scorer.report().tokens(), allGold, allPredicted);
    }

    private static final String SKLEARN = """
            import json, sys
            from sklearn.metrics import classification_report, confusion_matrix
            data = json.load(sys.stdin)
            gold, predicted = data["gold"], data["predicted"]
            print(json.dumps({
                "dict": classification_report(gold, predicted, output_dict=True, zero_division=0),
                "text": classification_report(gold, predicted, zero_division=0),
                "confusion": confusion_matrix(gold, predicted).tolist()}))
            """;

    private static void assertSameAsScikitLearn(ClassificationReport ours, List<String> gold, List<String> predicted)
            throws Exception {
        Process python = new ProcessBuilder(DebianPython.PYTHON, "-c", SKLEARN)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = python.getOutputStream()) {
            in.write(Json.MAPPER.writeValueAsBytes(Map.of("gold", gold, "predicted", predicted)));
        }
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(120, TimeUnit.SECONDS) && python.exitValue() == 0, output);
        JsonNode sklearn = Json.MAPPER.readTree(output);

        JsonNode report = sklearn.path("dict");
        List<String> classes = new ArrayList<>();
        for (Iterator<String> names = report.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("accuracy", "macro avg", "weighted avg").contains(name)) {
                classes.add(name);
            }
        }
        assertEquals(classes, List.copyOf(ours.perClass().keySet()));
        for (String c : classes) {
            assertPrf(report.path(c), ours.perClass().get(c), c);
        }
        assertEquals(report.path("accuracy").asDouble(), ours.accuracy(), EPS);
        assertPrf(report.path("macro avg"), ours.macroAvg(), "macro avg");
        assertPrf(report.path("weighted avg"), ours.weightedAvg(), "weighted avg");
        assertEquals(sklearn.path("text").asText(), ours.text());
        List<List<Long>> confusion = Json.MAPPER.convertValue(sklearn.path("confusion"),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class,
                        Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Long.class)));
        assertEquals(confusion, ours.confusionMatrix().counts());
    }

    private static void assertPrf(JsonNode expected, Prf actual, String row) {
        assertEquals(expected.path("precision").asDouble(), actual.precision(), EPS, row + " precision");
        assertEquals(expected.path("recall").asDouble(), actual.recall(), EPS, row + " recall");
        assertEquals(expected.path("f1-score").asDouble(), actual.f1(), EPS, row + " f1");
        assertEquals(expected.path("support").asLong(), actual.support(), row + " support");
    }
}
