package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.publish.ManifestChecksums;
import dev.embeddings.subword.FastTextArgs;
import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.subword.FastTextModel;
import dev.embeddings.subword.SubwordVectors;
import dev.embeddings.testing.Corpora;
import dev.embeddings.testing.FastTextTool;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code word2vec --maxn 6} end to end in local mode: two workers with a replica each (so the bucket rows go through
 * the exchange), the usual files holding the words' composed vectors, and {@code model.bin}, listed and checksummed,
 * which fastText itself loads and composes the same vectors from (compared where {@code fasttext} is on the PATH), for
 * skip-gram with negative sampling and CBOW with hierarchical softmax.
 * Bad n-gram settings and a bucket count the heap cannot hold are refused in one line before training.
 */
@Timeout(600)
class SubwordWord2VecTest {

    private static final List<String> UNSEEN = List.of("wzzzq", "walking", "wab", "é", "x");

    @TempDir
    static Path dir;
    private static Path output;

    @BeforeAll
    static void trainOnce() throws IOException {
        Path input = dir.resolve("in.txt");
        Corpora.writePlain(input, Corpora.lines(7, 3_000, 400));
        assertEquals(0, SmallVectors.run("corpus", "--input", input.toString(), "--output",
                dir.resolve("corpus").toString(), "--min-count", "1", "--shards", "2", "--master", "local[2]")
                .status());
        output = dir.resolve("subwords");
        SmallVectors.Run run = word2vec(output, "--maxn", "6", "--buckets", "5000", "--workers", "2",
                "--replica-per", "worker", "--threads", "1");
        assertEquals(0, run.status(), run.err());
    }

    @Test
    void theUsualFilesHoldTheComposedVectorsAndModelBinIsListedAndChecksummed() throws Exception {
        VectorsManifest manifest = ManifestChecksums.verify(FileSystem.getLocal(new Configuration()),
                new org.apache.hadoop.fs.Path(output.toUri()));
        assertEquals(List.of("vectors.bin", "vectors.txt", "vocab.tsv", "model.bin", "report.html"),
                manifest.files().stream().map(VectorsManifest.FileEntry::name).toList());
        assertEquals(List.of(3, 6, 5000), List.of(manifest.parameters().minn(), manifest.parameters().maxn(),
                manifest.parameters().buckets()));

        FastTextModel model = FastTextBinary.read(output.resolve(VectorsManifest.FASTTEXT_MODEL));
        assertEquals(new FastTextArgs(16, 5, 1, 1, 5, 1, FastTextArgs.Loss.NS, FastTextArgs.Model.SKIPGRAM, 5000, 3,
                6, 100, 1e-4), model.args());
        assertEquals(manifest.vocabularySize(), model.dictionary().size());
        SubwordVectors composed = model.vectors();
        WordVectors written = WordVectors.load(output.resolve(VectorsManifest.BINARY));
        float[] vector = new float[16];
        for (int w = 0; w < model.dictionary().size(); w++) {
            String word = model.dictionary().word(w);
            composed.vector(word, vector);
            assertArrayEquals(vector, written.vector(word), word);
        }
    }

    @Test
    void fastTextPrintsOurVectorsForKnownWordsAndOursComposedForUnseenOnes() throws Exception {
        assertFastTextPrintsOurs(output);
    }

    /** CBOW with hierarchical softmax, whose output layer model.bin holds in fastText's sense, and other n-grams. */
    @Test
    void aCbowHierarchicalSoftmaxModelLoadsInFastTextToo() throws Exception {
        Path cbow = dir.resolve("cbow-hs");
        SmallVectors.Run run = word2vec(cbow, "--model", "cbow", "--loss", "hs", "--minn", "2", "--maxn", "4",
                "--buckets", "3000", "--threads", "1");
        assertEquals(0, run.status(), run.err());
        FastTextModel model = FastTextBinary.read(cbow.resolve(VectorsManifest.FASTTEXT_MODEL));
        assertEquals(new FastTextArgs(16, 5, 1, 1, 5, 1, FastTextArgs.Loss.HS, FastTextArgs.Model.CBOW, 3000, 2, 4,
                100, 1e-4), model.args());
        assertFastTextPrintsOurs(cbow);
    }

    /**
     * {@code fasttext print-word-vectors} on the run's model.bin prints vectors.txt's vectors for known words and
     * {@link SubwordVectors}' for unseen ones; skipped without {@code fasttext}.
     */
    private static void assertFastTextPrintsOurs(Path run) throws Exception {
        FastTextTool.assumeInstalled();
        WordVectors text = WordVectors.load(run.resolve(VectorsManifest.TEXT));
        SubwordVectors ours = FastTextBinary.readVectors(run.resolve(VectorsManifest.FASTTEXT_MODEL));
        List<String> words = new ArrayList<>();
        for (int w = 0; w < 20; w++) {
            words.add(ours.dictionary().word(w));
        }
        words.addAll(UNSEEN);
        List<String> printed = FastTextTool.printWordVectors(run.resolve(VectorsManifest.FASTTEXT_MODEL), words);
        float[] composed = new float[16];
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            float[] expected;
            if (ours.dictionary().id(word) >= 0) {
                expected = text.vector(word);
            } else {
                assertTrue(ours.vector(word, composed) > 0, word + " has n-grams");
                expected = composed;
            }
            FastTextTool.assertPrints(printed.get(i), word, expected);
        }
    }

    @Test
    void badNgramSettingsAreRefusedInOneLineBeforeTraining() {
        assertRefused(List.of("--minn", "4", "--maxn", "2"), "word2vec: error: character n-grams (minn 4, maxn 2, "
                + "buckets 2000000): minn must be between 1 and maxn (2), got 4");
        assertRefused(List.of("--maxn", "6", "--buckets", "0"), "word2vec: error: character n-grams (minn 3, maxn 6, "
                + "buckets 0): bucket must be >= 1 when maxn > 0 (n-grams need buckets), got 0");
        assertRefused(List.of("--maxn", "6", "--sync-rare-every", "2"), "word2vec: error: --sync-rare-every must be 1 "
                + "with subwords (maxn 6): rare and frequent words share n-gram rows, so no row is a rare word's "
                + "alone");
    }

    @Test
    void bucketsTheHeapCannotHoldAreRefusedInOneLineBeforeTraining() {
        Path out = dir.resolve("too-many-buckets");
        SmallVectors.Run run = word2vec(out, "--maxn", "6", "--buckets", "100000000");
        assertEquals(2, run.status(), run.err());
        List<String> errors = run.err().lines().filter(l -> l.contains("error:")).toList();
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).matches("word2vec: error: word2vec: the model needs [0-9.]+ GiB per executor .* but "
                + "an executor's heap is [0-9.]+ GiB .*; raise EMBEDDINGS_DRIVER_MEMORY \\(the local JVM's -Xmx\\), "
                + "lower --buckets, lower --dim, raise --min-count or lower --max-vocab"), errors.get(0));
        assertFalse(Files.exists(out), "no output");
    }

    private static void assertRefused(List<String> options, String expected) {
        Path out = dir.resolve("refused");
        SmallVectors.Run run = word2vec(out, options.toArray(String[]::new));
        assertEquals(2, run.status(), run.err());
        assertEquals(List.of(expected), run.err().lines().filter(l -> l.contains("error:")).toList(), run.err());
        assertFalse(Files.exists(out), "no output");
    }

    private static SmallVectors.Run word2vec(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("word2vec", "--corpus", dir.resolve("corpus").toString(),
                "--output", out.toString(), "--dim", "16", "--epochs", "1", "--seed", "3", "--master", "local[2]"));
        args.addAll(List.of(options));
        return SmallVectors.run(args.toArray(String[]::new));
    }
}
