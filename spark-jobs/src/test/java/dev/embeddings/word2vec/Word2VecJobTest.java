package dev.embeddings.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.averaging.ReplicaScope;
import dev.embeddings.averaging.Synchronisation;
import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.formats.VectorFiles;
import dev.embeddings.formats.VectorFormat;
import dev.embeddings.formats.VectorWriter;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.publish.EarlierVectors;
import dev.embeddings.publish.ManifestChecksums;
import dev.embeddings.testing.PlantedSpark;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(600)
class Word2VecJobTest {

    @RegisterExtension
    static final PlantedSpark planted = PlantedSpark.local(40_000, 2);

    @TempDir
    Path dir;

    /** One replica per worker: several workers in this one JVM exchange rows as executors of a cluster do. */
    private Word2VecJobConfig config(Path output, Word2VecConfig training, int workers, int syncs, String init) {
        return new Word2VecJobConfig(planted.corpusDir(), output.toString(), training, workers, syncs, init, false,
                false).withReplicaScope(ReplicaScope.WORKER);
    }

    private static Word2VecJob.Result train(Word2VecJobConfig config) throws IOException {
        return new Word2VecJob(planted.spark(), config).run();
    }

    private static Word2VecConfig.Builder small() {
        return Word2VecConfig.builder().dim(50).threads(2).seed(3);
    }

    private static WordVectors vectors(Word2VecJob.Result result) {
        return WordVectors.of(result.vocabulary().words(), result.model().input().toArray(), result.model().dim());
    }

    @Test
    void recoversPlantedRelationsAndWritesVerifiableFiles() throws IOException {
        Path out = dir.resolve("sg");
        Word2VecJobConfig withParquet = new Word2VecJobConfig(planted.corpusDir(), out.toString(), small().build(), 1,
                2, null, true, false);
        Word2VecJob.Result result = train(withParquet);

        AnalogyResult scores = planted.analogies(vectors(result));
        assertTrue(scores.sections().get("capital-country").accuracy() >= 0.2, "capital analogies: " + scores);
        assertTrue(scores.sections().get("country-language").accuracy() >= 0.2, "language analogies: " + scores);

        org.apache.hadoop.fs.FileSystem local = org.apache.hadoop.fs.FileSystem.getLocal(new Configuration());
        VectorsManifest manifest = ManifestChecksums.verify(local, new org.apache.hadoop.fs.Path(out.toUri()));
        assertEquals(result.vocabulary().size(), manifest.vocabularySize());
        assertEquals(List.of("vectors.bin", "vectors.txt", "vocab.tsv", "vectors.parquet/", "report.html"),
                manifest.files().stream().map(VectorsManifest.FileEntry::name).toList());
        WordVectors loaded = WordVectors.load(out.resolve(VectorsManifest.BINARY));
        WordVectors fromText = WordVectors.load(out.resolve(VectorsManifest.TEXT));
        float[] expected = result.model().inputRow(0);
        assertArrayEquals(expected, loaded.vector(result.vocabulary().word(0)));
        assertArrayEquals(expected, fromText.vector(result.vocabulary().word(0)));
        assertEquals(0.0, manifest.metrics().finalLoss(), 1.0, "a loss is recorded");

        List<Row> parquet = planted.spark().read().parquet(out.resolve(VectorsManifest.PARQUET).toString())
                .where("word = '" + result.vocabulary().word(0) + "'").collectAsList();
        assertEquals(1, parquet.size());
        List<Float> vector = parquet.get(0).getList(parquet.get(0).fieldIndex("vector"));
        assertEquals(expected.length, vector.size());
        assertEquals(expected[3], vector.get(3));
        assertEquals(result.vocabulary().count(0), parquet.get(0).getLong(parquet.get(0).fieldIndex("count")));
    }

    @Test
    void theNd4jBackendTrainsThroughTheSameJob() throws IOException {
        Word2VecConfig cbow = small().model(Word2VecConfig.Architecture.CBOW).backend(Word2VecConfig.Backend.ND4J)
                .build();
        Word2VecJob.Result result = train(config(dir.resolve("nd4j"), cbow, 1, 2, null));
        AnalogyResult scores = planted.analogies(vectors(result));
        assertTrue(scores.sections().get("capital-country").accuracy() >= 0.2, "capital analogies: " + scores);
        assertEquals("nd4j", result.manifest().parameters().backend());
        assertEquals("cpu", result.manifest().parameters().nd4jBackend().get("backend"));
    }

    @Test
    void twoWorkersWithOneThreadEachAreReproducibleBySeed() throws IOException {
        Word2VecConfig oneThread = small().threads(1).epochs(1).build();
        float[] first = train(config(dir.resolve("a"), oneThread, 2, 2, null)).model().input().toArray();
        float[] second = train(config(dir.resolve("b"), oneThread, 2, 2, null)).model().input().toArray();
        float[] otherSeed = train(config(dir.resolve("c"), small().threads(1).epochs(1).seed(4)
                .build(), 2, 2, null)).model().input().toArray();
        assertArrayEquals(first, second, "same seed, shards and threads: identical vectors");
        assertFalse(Arrays.equals(first, otherSeed), "another seed gives other vectors");
    }

    /** By default the two workers of this one executor train one replica together: nothing is exchanged. */
    @Test
    void twoWorkersOfOneExecutorTrainOneReplica() throws IOException {
        Word2VecConfig oneThread = small().threads(1).build();
        Word2VecJobConfig shared = config(dir.resolve("shared"), oneThread, 2, 2, null)
                .withReplicaScope(ReplicaScope.EXECUTOR);
        Word2VecJob.Result result = train(shared);
        AnalogyResult scores = planted.analogies(vectors(result));
        assertTrue(scores.sections().get("capital-country").accuracy() >= 0.2, "capital analogies: " + scores);
        Synchronisation sync = result.manifest().metrics().synchronisation();
        assertEquals(1, sync.replicas());
        assertEquals(0L, sync.bytesWrittenPerRound());
        assertEquals("executor", result.manifest().parameters().replicaPer());
        assertEquals(oneThread.epochs() * 2, result.manifest().metrics().history().size(),
                "every round trained once");
        assertEquals(oneThread.epochs() * 2 - 1, result.manifest().metrics().checkpoints().written(),
                "a checkpoint after every round but the last, whose model the driver takes in memory");
        long trained = result.manifest().metrics().wordsTrained();
        long oneWorker = train(config(dir.resolve("one"), oneThread, 1, 2, null)).manifest().metrics().wordsTrained();
        assertEquals(oneWorker, trained, 0.02 * oneWorker, "both workers' words are counted, as one worker's are");
    }

    /**
     * Rare rows merged every 3 rounds and at epoch ends (words seen fewer than 4 rounds x 2 workers times an epoch
     * are rare): the planted relations come out about as well as when every row is merged every round, every round
     * is in the history, and the vectors differ (the rare rows did wait).
     */
    @Test
    void rareRowsMergedLessOftenRecoverThePlantedRelationsAsWell() throws IOException {
        Word2VecConfig oneThread = small().threads(1).build();
        Word2VecJobConfig everyRound = config(dir.resolve("every"), oneThread, 2, 4, null);
        Word2VecJobConfig rare = new Word2VecJobConfig(everyRound.corpus(), dir.resolve("rare").toString(), oneThread,
                2, 4, null, false, false, everyRound.merge(), 3, ReplicaScope.WORKER);
        Word2VecJob.Result merged = train(rare);
        Word2VecJob.Result baseline = train(everyRound);
        double rareCapitals = planted.analogies(vectors(merged)).sections().get("capital-country").accuracy();
        double capitals = planted.analogies(vectors(baseline)).sections().get("capital-country").accuracy();
        System.out.printf("capital analogies: every row every round %.3f, rare rows every 3 rounds %.3f%n", capitals,
                rareCapitals);
        assertTrue(rareCapitals >= 0.2 && rareCapitals >= capitals - 0.1, rareCapitals + " against " + capitals);
        assertEquals(oneThread.epochs() * 4, merged.manifest().metrics().history().size(),
                "every round trained once");
        assertEquals(3, (int) merged.manifest().parameters().syncRareEvery());
        assertFalse(Arrays.equals(baseline.model().input().toArray(), merged.model().input().toArray()),
                "merging rare rows less often changes the training");
    }

    @Test
    void warmStartCopiesTheVectorsOfSharedWordsOnly() throws IOException {
        Vocabulary vocabulary = Vocabulary.fromCounts(Map.of("alpha", 9L, "beta", 5L, "gamma", 2L), 1, 0);
        Path earlier = Files.createDirectories(dir.resolve("earlier"));
        try (VectorWriter w = VectorFiles.openWriter(earlier.resolve(VectorsManifest.BINARY),
                VectorFormat.WORD2VEC_BINARY, 2, 3)) {
            w.write("gamma", new float[] {1, 2, 3});
            w.write("delta", new float[] {4, 5, 6});
        }
        float[] input = new float[3 * 3];
        Arrays.fill(input, -1f);
        int copied = EarlierVectors.forEachShared(earlier.toString(), new Configuration(), vocabulary, 3,
                (id, vector) -> System.arraycopy(vector, 0, input, id * 3, 3));
        assertEquals(1, copied);
        assertArrayEquals(new float[] {-1, -1, -1, -1, -1, -1, 1, 2, 3}, input);

        IOException e = assertThrows(IOException.class,
                () -> EarlierVectors.forEachShared(earlier.toString(), new Configuration(), vocabulary, 4,
                        (id, vector) -> { }));
        assertTrue(e.getMessage().contains("dimension 3"), e.getMessage());
    }

    @Test
    void moreWorkersThanShardsIsRefusedWithAHint() {
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> train(config(dir.resolve("x"), small().build(), 3, 1, null)));
        assertTrue(e.getMessage().contains("--shards 3"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
