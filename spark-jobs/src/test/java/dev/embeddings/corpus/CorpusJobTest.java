package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.io.Checksums;
import dev.embeddings.io.Json;
import dev.embeddings.testing.Corpora;
import dev.embeddings.testing.TestSpark;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class CorpusJobTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = TestSpark.local();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private CorpusConfig config(String input, Path output, long minCount, int maxVocab, int shards) {
        return config(input, output, minCount, maxVocab, shards, SentenceOrder.SHUFFLED);
    }

    private CorpusConfig config(String input, Path output, long minCount, int maxVocab, int shards,
            SentenceOrder order) {
        return new CorpusConfig(List.of(input), output.toString(), minCount, maxVocab, true, shards, order, 100, 1000,
                CorpusConfig.DEFAULT_MAX_CHUNK_BYTES, false);
    }

    private static CorpusManifest manifest(Path corpus) throws IOException {
        try (InputStream in = Files.newInputStream(corpus.resolve(CorpusManifest.FILE))) {
            return Json.read(in, CorpusManifest.class, "manifest.json");
        }
    }

    private static Vocabulary vocabulary(Path corpus) throws IOException {
        try (InputStream in = Files.newInputStream(corpus.resolve(CorpusManifest.VOCABULARY_FILE))) {
            return Vocabulary.read(in, "vocab.tsv");
        }
    }

    /**
     * Each shard's sentences, in the shard's order, as their words joined by spaces; checks each shard's checksum,
     * token count and token index against the manifest on the way.
     */
    private static List<List<String>> shardSentences(Path corpus) throws IOException {
        Vocabulary v = vocabulary(corpus);
        List<List<String>> shards = new ArrayList<>();
        for (CorpusManifest.Shard shard : manifest(corpus).shards()) {
            Path file = corpus.resolve(shard.file());
            try (InputStream in = Files.newInputStream(file)) {
                assertEquals(shard.sha256(), Checksums.sha256(in), "checksum of " + shard.file());
            }
            List<String> sentences = new ArrayList<>();
            ShardTokenIndex.Builder index = new ShardTokenIndex.Builder();
            try (ShardReader r = new ShardReader(Files.newInputStream(file), shard.file(), v.size())) {
                int n;
                while ((n = r.next()) >= 0) {
                    index.add(n);
                    StringJoiner words = new StringJoiner(" ");
                    for (int i = 0; i < n; i++) {
                        words.add(v.word(r.ids()[i]));
                    }
                    sentences.add(words.toString());
                }
                assertEquals(shard.tokens(), r.tokensRead());
            }
            assertEquals(index.build(), shard.tokenIndex(), "token index of " + shard.file());
            shards.add(sentences);
        }
        return shards;
    }

    /** Tokens from a Spark ML column are the words as given: not lower-cased or split; null and empty ones skipped. */
    @Test
    void tokenizedDocumentsKeepTheirTokensAsGiven() throws IOException {
        List<String[]> documents = List.of(new String[] {"Don't", "stop", null, ""}, new String[] {"Don't", "stop"},
                new String[0], new String[] {"stop", "x".repeat(101)});
        Path out = dir.resolve("tokens");
        CorpusManifest m = new CorpusJob(spark, config("column tokens", out, 2, 0, 2)).runOnTokens(
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(
                        documents, 2));
        Vocabulary v = vocabulary(out);
        assertEquals(List.of("stop", "Don't"), List.of(v.words()));
        assertEquals(3, v.count(0));
        assertEquals(4, m.counts().lines());
        assertEquals(3, m.counts().documents());
        assertEquals(5, m.counts().tokens());
        assertEquals(1, m.counts().droppedLongTokens());
        assertFalse(m.tokenizer().lowercase(), "recorded as taken: not lower-cased");
        List<String> sentences = shardSentences(out).stream().flatMap(List::stream).sorted().toList();
        assertEquals(List.of("Don't stop", "Don't stop", "stop"), sentences);
    }

    @Test
    void countsAndShardsMatchAnIndependentCountOverPlainGzipAndBzip2Files() throws IOException {
        List<String> plain = Corpora.lines(1, 3000, 400);
        List<String> gz = Corpora.lines(2, 2000, 400);
        List<String> bz2 = Corpora.lines(3, 1000, 400);
        Path input = Files.createDirectories(dir.resolve("in/nested"));
        Corpora.writePlain(input.resolve("a.txt"), plain);
        Corpora.writeGzip(input.resolve("b.txt.gz"), gz);
        Corpora.writeBzip2(dir.resolve("in/c.txt.bz2"), bz2);
        Files.writeString(dir.resolve("in/_SUCCESS"), "not text, hidden by its name");

        List<String> all = new ArrayList<>(plain);
        all.addAll(gz);
        all.addAll(bz2);
        Map<String, Long> expected = Corpora.count(all);
        long totalTokens = expected.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> frequent = new HashMap<>(expected);
        frequent.values().removeIf(c -> c < 3);

        Path out = dir.resolve("corpus");
        CorpusManifest m = new CorpusJob(spark, config(dir.resolve("in").toString(), out, 3, 0, 3)).run();

        Vocabulary v = vocabulary(out);
        Vocabulary expectedVocabulary = Vocabulary.fromCounts(expected, 3, 0);
        assertArrayEquals(expectedVocabulary.words(), v.words());
        assertArrayEquals(expectedVocabulary.counts(), v.counts());
        assertEquals(m, manifest(out), "manifest on disk is the one returned");
        assertEquals(3, m.inputFiles().size());
        assertEquals(all.size(), m.counts().lines());
        assertEquals(totalTokens, m.counts().tokens());
        assertEquals(expected.size(), m.counts().distinctWords());
        assertEquals(v.totalCount(), m.counts().inVocabularyTokens());
        assertEquals(totalTokens - v.totalCount(), m.counts().oovTokens());
        assertEquals(3, m.shards().size());
        assertEquals(frequent, Corpora.count(shardSentences(out).stream().flatMap(List::stream).toList()));
        try (InputStream in = Files.newInputStream(out.resolve(CorpusManifest.VOCABULARY_FILE))) {
            assertEquals(m.vocabularySha256(), Checksums.sha256(in));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("corpus", "in"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no staging directory left beside the output");
        }
    }

    /** Each shard's sentences as their input lines' numbers in {@code lines}, in the shard's order. */
    private static List<List<Integer>> shardLineNumbers(Path corpus, List<String> lines) throws IOException {
        Map<String, Integer> number = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            number.put(lines.get(i), i);
        }
        return shardSentences(corpus).stream().map(shard -> shard.stream().map(number::get).toList()).toList();
    }

    @Test
    void inputOrderKeepsEachShardInTheFilesOrderAndDealsLinesRoundRobin() throws IOException {
        // Two files, written b before a: a directory is read sorted by path, whatever order it lists in.
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            lines.add(Corpora.word(i / 40) + " " + Corpora.word(i % 40) + " and some common words");
        }
        Path input = Files.createDirectories(dir.resolve("in"));
        Corpora.writePlain(input.resolve("b.txt"), lines.subList(700, 1200));
        Corpora.writePlain(input.resolve("a.txt"), lines.subList(0, 700));
        int shards = 3;
        Path out = dir.resolve("input-order");
        new CorpusJob(spark, config(input.toString(), out, 1, 0, shards, SentenceOrder.INPUT)).run();
        assertEquals("input", manifest(out).sentenceOrder());
        List<List<Integer>> numbers = shardLineNumbers(out, lines);
        int[] shardOf = new int[lines.size()];
        Arrays.fill(shardOf, -1);
        for (int s = 0; s < shards; s++) {
            List<Integer> shard = numbers.get(s);
            for (int i = 0; i < shard.size(); i++) {
                assertTrue(i == 0 || shard.get(i) > shard.get(i - 1), "shard " + s + " out of input order: " + shard);
                shardOf[shard.get(i)] = s;
            }
        }
        for (int line = 0; line < lines.size(); line++) {
            assertTrue(shardOf[line] >= 0, "line " + line + " missing from the shards");
            if (line != 0 && line != 700) {
                assertEquals((shardOf[line - 1] + 1) % shards, shardOf[line], "line " + line + " not dealt in turn");
            }
        }

        Path shuffled = dir.resolve("shuffled");
        new CorpusJob(spark, config(input.toString(), shuffled, 1, 0, shards)).run();
        assertEquals("shuffled", manifest(shuffled).sentenceOrder());
        List<Integer> first = shardLineNumbers(shuffled, lines).get(0);
        long ascending = IntStream.range(1, first.size())
                .filter(i -> first.get(i) > first.get(i - 1)).count();
        assertTrue(ascending < 0.7 * first.size(), "shuffled shard keeps the input order: " + first);
    }

    @Test
    void maxVocabKeepsOnlyTheMostFrequentWords() throws IOException {
        List<String> lines = Corpora.lines(4, 2000, 300);
        Corpora.writePlain(dir.resolve("in.txt"), lines);
        new CorpusJob(spark, config(dir.resolve("in.txt").toString(), dir.resolve("c"), 1, 25, 2)).run();
        Vocabulary expected = Vocabulary.fromCounts(Corpora.count(lines), 1, 25);
        assertArrayEquals(expected.words(), vocabulary(dir.resolve("c")).words());
    }

    @Test
    void invalidUtf8IsReplacedAndCountedNotFatal() throws IOException {
        byte[] good = (String.join("\n", Corpora.lines(5, 500, 50)) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'a', 'b', (byte) 0xFF, 'c', ' ', (byte) 0xC3, '\n'};
        Path file = dir.resolve("mixed.txt");
        Files.write(file, good);
        Files.write(file, bad, java.nio.file.StandardOpenOption.APPEND);
        CorpusManifest m = new CorpusJob(spark, config(file.toString(), dir.resolve("c"), 2, 0, 1)).run();
        assertEquals(2, m.counts().invalidUtf8());
        assertEquals(501, m.counts().lines());
    }

    @Test
    void aHugeLineIsReadInPiecesAndCountedInFull() throws IOException {
        Random random = new Random(9);
        StringBuilder line = new StringBuilder();
        int words = 400_000;
        for (int i = 0; i < words; i++) {
            line.append(Corpora.word(random.nextInt(50))).append(' ');
        }
        Path file = dir.resolve("one-line.txt");
        Files.writeString(file, "short line\n" + line + "\nlast line\n");
        CorpusConfig config = new CorpusConfig(List.of(file.toString()), dir.resolve("c").toString(), 1, 0, true, 2,
                SentenceOrder.SHUFFLED, 100, 1000, 64 * 1024, false);
        CorpusManifest m = new CorpusJob(spark, config).run();
        assertEquals(3, m.counts().lines());
        assertEquals(words + 4, m.counts().tokens());
        assertEquals(1, m.counts().splitLines());
        assertTrue(m.counts().sentences() >= words / 1000, "long document cut into sentences of at most 1000 words");
    }

    @Test
    void aMissingInputFailsNamingThePathAndWritesNothing() {
        Path out = dir.resolve("c");
        Exception e = assertThrows(IOException.class,
                () -> new CorpusJob(spark, config(dir.resolve("nope").toString(), out, 1, 0, 1)).run());
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("nope"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void anEmptyInputFailsClearly() throws IOException {
        Files.createFile(dir.resolve("empty.txt"));
        Exception e = assertThrows(IOException.class,
                () -> new CorpusJob(spark, config(dir.resolve("empty.txt").toString(), dir.resolve("c"), 1, 0, 1))
                        .run());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void binaryJunkFailsAsNotTextAndLeavesNoOutput() throws IOException {
        byte[] junk = new byte[200_000];
        new Random(3).nextBytes(junk);
        Files.write(dir.resolve("junk.bin"), junk);
        Path out = dir.resolve("c");
        Exception e = assertThrows(IOException.class,
                () -> new CorpusJob(spark, config(dir.resolve("junk.bin").toString(), out, 1, 0, 1)).run());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("junk.bin"), files.map(p -> p.getFileName().toString()).toList(),
                    "neither output nor staging directory is left");
        }
    }

    @Test
    void aVocabularyEmptiedByMinCountFailsWithAHint() throws IOException {
        Corpora.writePlain(dir.resolve("in.txt"), List.of("one two three", "four five"));
        Exception e = assertThrows(IOException.class,
                () -> new CorpusJob(spark, config(dir.resolve("in.txt").toString(), dir.resolve("c"), 5, 0, 1)).run());
        assertTrue(e.getMessage().contains("--min-count"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("c")));
    }

    @Test
    void anExistingOutputIsRefusedUnlessOverwriting() throws IOException {
        Corpora.writePlain(dir.resolve("in.txt"), Corpora.lines(6, 300, 40));
        Path out = Files.createDirectories(dir.resolve("c"));
        Files.writeString(out.resolve("keep.txt"), "precious");
        String input = dir.resolve("in.txt").toString();
        Exception e = assertThrows(IOException.class, () -> new CorpusJob(spark, config(input, out, 1, 0, 1)).run());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        assertTrue(Files.exists(out.resolve("keep.txt")), "the existing output is untouched");

        CorpusConfig overwrite = new CorpusConfig(List.of(input), out.toString(), 1, 0, true, 1,
                SentenceOrder.SHUFFLED, 100, 1000, CorpusConfig.DEFAULT_MAX_CHUNK_BYTES, true);
        new CorpusJob(spark, overwrite).run();
        assertFalse(Files.exists(out.resolve("keep.txt")));
        assertTrue(Files.exists(out.resolve(CorpusManifest.FILE)));
    }
}
