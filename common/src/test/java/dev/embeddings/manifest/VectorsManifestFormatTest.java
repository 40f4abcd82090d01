package dev.embeddings.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embeddings.align.AlignmentReport;
import dev.embeddings.align.WordDrift;
import dev.embeddings.averaging.RoundsMetrics;
import dev.embeddings.checkpoint.TrainingRound;
import dev.embeddings.io.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Manifests as the jobs wrote them before their metrics were typed (the resources are the word2vec and GloVe jobs'
 * output at commit 7fbfb64) read back as {@link TrainingMetrics} and are written out again unchanged.
 */
class VectorsManifestFormatTest {

    private static final String WORD2VEC = "manifest-7fbfb64-word2vec.json";
    private static final String GLOVE_SAVED = "manifest-7fbfb64-glove-saved.json";
    private static final String GLOVE_LOADED = "manifest-7fbfb64-glove-loaded.json";

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = VectorsManifestFormatTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static VectorsManifest read(byte[] json) throws IOException {
        return Json.read(new ByteArrayInputStream(json), VectorsManifest.class, "manifest");
    }

    private static byte[] written(VectorsManifest manifest) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Json.write(out, manifest);
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {WORD2VEC, GLOVE_SAVED, GLOVE_LOADED})
    void anOldManifestReadsBackAndWritesOutAsItWas(String name) throws IOException {
        byte[] old = resource(name);
        JsonNode original = Json.MAPPER.readTree(old);
        assertEquals(original, Json.MAPPER.readTree(written(read(old))), "the same fields and values");
    }

    @Test
    void word2vecMetricsReadAsTheirTypes() throws IOException {
        TrainingMetrics m = read(resource(WORD2VEC)).metrics();
        assertEquals(0.6925530409995284, m.finalLoss());
        assertEquals(57_234L, m.wordsTrained());
        assertEquals(0, m.resumedAfterRound());
        assertEquals(2, m.synchronisation().replicas());
        assertEquals(3, m.checkpoints().written());
        assertEquals(4, m.history().size());
        assertEquals(new TrainingRound(1, 1, 14_279L, null, 0.6931357639689097, 153675.5259708733, null),
                m.history().get(0));
        assertEquals(m.wordsTrained(), m.history().get(3).words(), "the last point counts every word");
        assertNull(m.cooccurrenceEntries(), "no GloVe figures");
    }

    @Test
    void gloveMetricsReadAsTheirTypes() throws IOException {
        TrainingMetrics saved = read(resource(GLOVE_SAVED)).metrics();
        assertEquals(38_105L, saved.cooccurrenceEntries());
        assertTrue(saved.cooccurrenceSource().startsWith("counted, saved to "), saved.cooccurrenceSource());
        assertTrue(saved.cooccurrenceSaveSeconds() > 0);
        assertNull(saved.cooccurrenceCountingSecondsSaved());
        assertNull(saved.wordsTrained(), "no word2vec figures");
        assertEquals(19_052L, saved.history().get(0).entries());
        assertNull(saved.history().get(0).words());

        TrainingMetrics loaded = read(resource(GLOVE_LOADED)).metrics();
        assertTrue(loaded.cooccurrenceSource().startsWith("loaded from "), loaded.cooccurrenceSource());
        assertTrue(loaded.cooccurrenceCountingSecondsSaved() > 0);
        assertNull(loaded.cooccurrenceSaveSeconds());
        assertEquals(saved.finalLoss(), loaded.finalLoss(), "the same training from the saved matrix");
    }

    @Test
    void aPublishedVersionsAlignmentAndANanLossSurviveTheRoundTrip() throws IOException {
        VectorsManifest old = read(resource(WORD2VEC));
        AlignmentReport alignment = new AlignmentReport("000001", 600, 0.1, 0.08, 0.9, 0.95, "drift.tsv",
                List.of(new WordDrift("paris", 0.5)));
        List<TrainingRound> history = List.of(TrainingRound.of(TrainingRound.WORDS, 1, 1, 0, Double.NaN, 0));
        TrainingMetrics metrics = TrainingMetrics.word2vec(new RoundsMetrics(Double.NaN, 1, 0,
                old.metrics().synchronisation(), old.metrics().checkpoints(), history), 0, 0)
                .withAlignment(alignment);
        VectorsManifest published = new VectorsManifest(old.tool(), old.version(), old.job(), old.parameters(),
                old.corpus(), old.vocabularySize(), old.dimension(), metrics, old.memory(), old.files(), old.started(),
                old.finished());
        VectorsManifest back = read(written(published));
        assertEquals(alignment, back.metrics().alignment());
        assertTrue(Double.isNaN(back.metrics().finalLoss()));
        assertTrue(Double.isNaN(back.metrics().history().get(0).loss()));
        assertEquals(published.parameters(), back.parameters());
    }

    /**
     * A manifest as the code before typed parameters and memory wrote it, by hand: both were string-keyed maps, the
     * parameters holding whatever the job put in (a nested map for the ND4J backend, a null init).
     */
    private static final String MAP_KEYED_MANIFEST = """
            {"tool": "embeddings-dev", "version": "0.1.0", "job": "word2vec",
             "parameters": {"model": "CBOW", "loss": "HS", "dim": 64, "window": 8, "negative": 0, "nsExponent": 0.75,
                            "sample": 0.001, "epochs": 3, "learningRate": 0.05, "minLrRatio": 0.0001, "threads": 2,
                            "seed": 7, "backend": "nd4j", "minn": 3, "maxn": 0, "buckets": 0, "workers": 4,
                            "syncsPerEpoch": 16, "merge": "adaptive", "init": null, "syncRareEvery": 2,
                            "replicaPer": "executor", "nd4jBackend": {"backend": "cpu", "blas": "openblas"}},
             "corpus": {"path": "hdfs://nn/corpus", "manifestSha256": "ab", "tokens": 1000},
             "vocabularySize": 500, "dimension": 64, "metrics": {"finalLoss": 0.5},
             "memory": {"modelBytes": 256000, "workerBytes": 4096, "driverBytes": 512000},
             "files": [], "started": "2026-12-01T00:00:00Z", "finished": "2026-12-01T00:01:00Z"}
            """;

    @Test
    void aManifestWithMapKeyedParametersAndMemoryReadsAsTheirTypes() throws IOException {
        VectorsManifest m = read(MAP_KEYED_MANIFEST.getBytes(StandardCharsets.UTF_8));
        TrainingParameters p = m.parameters();
        assertEquals("CBOW", p.model());
        assertEquals(64, p.dim());
        assertEquals(0.001, p.sample());
        assertEquals(7L, p.seed());
        assertEquals(2, p.syncRareEvery());
        assertEquals("executor", p.replicaPer());
        assertEquals(Map.of("backend", "cpu", "blas", "openblas"), p.nd4jBackend());
        assertNull(p.init());
        assertNull(p.xMax(), "no GloVe settings");
        assertEquals(new MemoryHeld(256_000L, 4096L, 512_000L, null), m.memory());
    }

    @Test
    void aTypedManifestWritesWhatTheMapKeyedCodeRead() throws IOException {
        JsonNode written = Json.MAPPER.readTree(written(read(MAP_KEYED_MANIFEST.getBytes(StandardCharsets.UTF_8))));
        assertEquals(Json.MAPPER.readTree(MAP_KEYED_MANIFEST), written, "the same fields and values, init's null too");
        // As the code before read them: parameters as a map of anything, memory as a map of longs.
        Map<String, Object> parameters = Json.MAPPER.convertValue(written.get("parameters"),
                new TypeReference<Map<String, Object>>() { });
        Map<String, Long> memory = Json.MAPPER.convertValue(written.get("memory"),
                new TypeReference<Map<String, Long>>() { });
        assertEquals(64, parameters.get("dim"));
        assertTrue(parameters.containsKey("init"));
        assertEquals(Map.of("modelBytes", 256_000L, "workerBytes", 4096L, "driverBytes", 512_000L), memory);
    }

    @Test
    void aSettingTheRecordDoesNotKnowIsRefusedRatherThanDropped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingParameters.of(Map.of("dim", 8, "newSetting", 1)));
        assertTrue(e.getMessage().contains("newSetting"), e.getMessage());
    }
}
