package dev.embeddings.report;

import dev.embeddings.corpus.CorpusReference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.averaging.RoundsMetrics;
import dev.embeddings.checkpoint.TrainingRound;
import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.eval.EvaluationReport;
import dev.embeddings.eval.SimilarityResult;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.MemoryHeld;
import dev.embeddings.manifest.TrainingMetrics;
import dev.embeddings.manifest.TrainingParameters;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.SegmentedMatrices;
import dev.embeddings.vectors.WordVectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RunReportTest {

    private static final String NASTY_WORD = "<script>alert('x')&\"</script>";

    private static WordVectors vectors(int words, int dim) {
        Random random = new Random(3);
        String[] names = new String[words];
        float[] values = new float[words * dim];
        for (int i = 0; i < words; i++) {
            names[i] = i == 1 ? NASTY_WORD : "w" + i;
            for (int j = 0; j < dim; j++) {
                values[i * dim + j] = (float) random.nextGaussian();
            }
        }
        return WordVectors.of(names, values, dim);
    }

    private static VectorsManifest manifest(int rounds) {
        List<TrainingRound> history = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            history.add(TrainingRound.of(TrainingRound.WORDS, r / 4 + 1, r % 4 + 1, 250_000L * (r + 1),
                    0.6 - 0.02 * r, 70_000.0 + 1000 * r));
        }
        TrainingMetrics metrics = TrainingMetrics.word2vec(new RoundsMetrics(0.4321, 28.5, 0, null, null,
                history), 2_000_000L, 123_456.0);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("model", "SKIPGRAM");
        parameters.put("window", 7);
        parameters.put("init", null);
        return new VectorsManifest("embeddings-dev", "9.9", "word2vec", TrainingParameters.of(parameters),
                new CorpusReference("hdfs://nn/corpus", "ab12", 831_043), 300, 16, metrics,
                new MemoryHeld(null, null, 1_048_576L, null),
                List.of(new VectorsManifest.FileEntry("vectors.bin", 20_000, "cafe")), "2026-11-28T10:00:00Z",
                "2026-11-28T10:01:00Z");
    }

    private static int count(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void showsTheRunsFiguresAndParameters() {
        String html = RunReport.render(manifest(8), vectors(300, 16), null);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        for (String figure : new String[] {"831,043", "123,456", "2,000,000", "0.4321", "28.5", "1,048,576",
                "hdfs://nn/corpus", "SKIPGRAM", "2026-11-28T10:01:00Z", "vectors.bin"}) {
            assertTrue(html.contains(figure), figure);
        }
        assertTrue(html.contains("Not evaluated"));
    }

    @Test
    void drawsTheLossAndThroughputCurvesWithOnePointPerRound() {
        String html = RunReport.render(manifest(8), vectors(300, 16), null);
        assertEquals(2, count(html, "<polyline class=\"series\""));
        Matcher points = Pattern.compile("<polyline class=\"series\" points=\"([^\"]*)\"").matcher(html);
        assertTrue(points.find());
        String[] xy = points.group(1).split(" ");
        assertEquals(8, xy.length);
        // Loss falls every round, so each point lies lower on the chart (larger SVG y) than the one before.
        double previous = Double.NEGATIVE_INFINITY;
        for (String p : xy) {
            double y = Double.parseDouble(p.split(",")[1]);
            assertTrue(y > previous, points.group(1));
            previous = y;
        }
    }

    @Test
    void plotsAgainstTheRoundWhenTheHistoryHasNoWordCounts() {
        List<TrainingRound> history = new ArrayList<>();
        for (double loss : new double[] {0.9, 0.7, 0.6}) {
            history.add(new TrainingRound(1, history.size() + 1, null, null, loss, null, null));
        }
        TrainingMetrics metrics = new TrainingMetrics(null, null, null, null, null, null, null, null, null, null, null,
                null, history, null);
        VectorsManifest m = new VectorsManifest("t", "1", "glove", null, null, 20, 4, metrics, null, null, null,
                null);
        String html = RunReport.render(m, vectors(20, 4), null);
        assertEquals(1, count(html, "<polyline class=\"series\""), "a loss chart, no throughput chart");
        assertTrue(html.contains(">averaging round</text>"));
        Matcher points = Pattern.compile("<polyline class=\"series\" points=\"([^\"]*)\"").matcher(html);
        assertTrue(points.find());
        assertEquals(3, points.group(1).split(" ").length);
    }

    @Test
    void mapsTheTwoHundredMostFrequentWords() {
        String html = RunReport.render(manifest(2), vectors(300, 16), null);
        assertEquals(200, count(html, "<circle class=\"point\""));
        assertTrue(html.contains("<title>w199</title>"));
        assertFalse(html.contains("<title>w200</title>"), "only the 200 most frequent words");
    }

    @Test
    void vectorsInManySegmentsGiveTheSameReport() {
        WordVectors one = vectors(300, 16);
        FloatMatrix inPairs = SegmentedMatrices.resegmented(one.vectors(), 2);
        assertEquals(150, inPairs.segmentCount());
        assertEquals(RunReport.render(manifest(2), one, null),
                RunReport.render(manifest(2), WordVectors.of(one.words(), inPairs), null));
    }

    @Test
    void escapesWordsForHtml() {
        String html = RunReport.render(manifest(2), vectors(300, 16), null);
        assertFalse(html.contains("<script"), "a word must not become markup");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&amp;&quot;&lt;/script&gt;"));
    }

    @Test
    void isSelfContained() {
        String html = RunReport.render(manifest(8), vectors(300, 16), null);
        for (String external : new String[] {"<script", "<link", "src=", "href=", "@import", "url(", "@font-face"}) {
            assertFalse(html.contains(external), external);
        }
    }

    @Test
    void showsEvaluationScores() {
        EvaluationReport scores = new EvaluationReport(300, 16,
                Map.of("planted-analogies.txt", new AnalogyResult(0.875, 0.9, 0.8, 0.95, 70, 80, 0.875,
                        Map.of("capital-country", new AnalogyResult.Section(0.8125, 0.85, 40, 40)), null)),
                Map.of("planted-similarity.tsv", new SimilarityResult(0.7312, 0.6543, 95, 5, null)));
        String html = RunReport.render(manifest(2), vectors(300, 16), scores);
        for (String figure : new String[] {"planted-analogies.txt", "87.50%", "90.00%", "capital-country", "81.25%",
                "planted-similarity.tsv", "0.7312", "0.6543"}) {
            assertTrue(html.contains(figure), figure);
        }
        assertFalse(html.contains("Not evaluated"));
    }

    @Test
    void rendersAManifestReadBackFromJsonAndOneWithoutHistory() throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        Json.write(json, manifest(5));
        VectorsManifest read = Json.read(new ByteArrayInputStream(json.toByteArray()), VectorsManifest.class, "m");
        assertEquals(2, count(RunReport.render(read, vectors(50, 4), null), "<polyline"));

        VectorsManifest bare = new VectorsManifest("t", "1", "glove", null, null, 3, 2, null, null, null, null, null);
        String html = RunReport.render(bare, vectors(3, 2), null);
        assertTrue(html.contains("No training history"));
        assertEquals(3, count(html, "<circle class=\"point\""));
    }
}
