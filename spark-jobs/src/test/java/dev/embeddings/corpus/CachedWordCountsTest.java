package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.testing.Corpora;
import dev.embeddings.testing.ExpectedFailure;
import dev.embeddings.testing.TestSpark;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpus runs with a word-count cache: what is counted and what is reused, and that the vocabulary always equals
 * the one a full count of the same input gives (which fails if a reused count is missing, stale or wrong).
 */
@Timeout(300)
class CachedWordCountsTest {

    private static final long MIN_COUNT = 3;

    private static SparkSession spark;

    @TempDir
    Path dir;
    private Path inputs;
    private Path cache;
    private int runs;
    private Path lastCachedOutput;
    private List<String> inputPaths;

    @BeforeAll
    static void start() {
        spark = TestSpark.local();
        // Several splits per file: a file's counts are summed over all its splits before being cached.
        spark.sparkContext().hadoopConfiguration().setLong("mapreduce.input.fileinputformat.split.maxsize", 8192);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @BeforeEach
    void inputs() throws IOException {
        inputs = Files.createDirectories(dir.resolve("inputs"));
        cache = dir.resolve("cache");
        inputPaths = List.of(inputs.toString());
        for (int i = 0; i < 3; i++) {
            Corpora.writePlain(inputs.resolve("part-" + i + ".txt"), Corpora.lines(i, 1500, 3000));
        }
        Corpora.writeGzip(inputs.resolve("part-3.txt.gz"), Corpora.lines(3, 800, 3000));
    }

    @Test
    void appendedFileIsTheOnlyOneCounted() throws IOException {
        assertEquals(new CountReuse(4, 0, 4, 0, 0), runCached().countReuse());
        List<String> added = Corpora.lines(4, 700, 3000);
        Corpora.writePlain(inputs.resolve("part-4.txt"), added);

        CorpusJob.Result cached = runCached();
        assertEquals(new CountReuse(5, 4, 1, 0, 0), cached.countReuse());
        assertSameAsFullCount(cached);
        // The cache must hold every word, not only frequent ones: some vocabulary words are rare in each file.
        Map<String, Long> inAdded = Corpora.count(added);
        assertTrue(vocabularyWords().stream().anyMatch(w -> inAdded.getOrDefault(w, 0L) > 0
                && inAdded.get(w) < MIN_COUNT), "the test needs a word that reaches min-count only across files");

        assertEquals(new CountReuse(5, 5, 0, 0, 0), runCached().countReuse());
    }

    @Test
    void modifiedFileIsCountedAgainAndRemovedFilesEntryDropped() throws IOException {
        runCached();
        Path modified = inputs.resolve("part-1.txt");
        Corpora.writePlain(modified, Corpora.lines(11, 1200, 3000));
        Files.setLastModifiedTime(modified, FileTime.fromMillis(Files.getLastModifiedTime(modified).toMillis()
                + 5000));
        Files.delete(inputs.resolve("part-2.txt"));

        CorpusJob.Result cached = runCached();
        // Two stale entries: the deleted file's and the modified file's old content.
        assertEquals(new CountReuse(3, 2, 1, 0, 2), cached.countReuse());
        assertSameAsFullCount(cached);
        try (Stream<Path> entries = Files.list(cache)) {
            assertEquals(3, entries.filter(p -> p.toString().endsWith(WordCountCache.SUFFIX)).count());
        }
    }

    @Test
    void corruptOrTruncatedEntryIsCountedAgainNotTrusted() throws IOException {
        runCached();
        List<Path> entries;
        try (Stream<Path> list = Files.list(cache)) {
            entries = list.filter(p -> p.toString().endsWith(WordCountCache.SUFFIX)).sorted().toList();
        }
        assertEquals(4, entries.size());
        // One count changed by one (what a trusted corrupt entry would put in the vocabulary), one entry cut short
        // as a killed writer without the atomic rename would leave it.
        Path edited = entries.get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(edited, StandardCharsets.UTF_8));
        String[] fields = lines.get(1).split("\t");
        lines.set(1, fields[0] + "\t" + (Long.parseLong(fields[1]) + 1));
        Files.write(edited, lines, StandardCharsets.UTF_8);
        byte[] whole = Files.readAllBytes(entries.get(1));
        Files.write(entries.get(1), Arrays.copyOf(whole, whole.length / 2));

        CorpusJob.Result cached;
        try (ExpectedFailure damaged = ExpectedFailure.begin("an edited and a truncated count cache entry, each "
                + "refused with a warning")) {
            cached = runCached();
        }
        assertEquals(new CountReuse(4, 2, 2, 2, 0), cached.countReuse());
        assertSameAsFullCount(cached);
        assertEquals(new CountReuse(4, 4, 0, 0, 0), runCached().countReuse(), "the recounted entries were rewritten");
    }

    @Test
    void aFileListedTwiceIsCountedOnceAndMergedTwiceAsAFullCountReadsIt() throws IOException {
        inputPaths = List.of(inputs.toString(), inputs.resolve("part-0.txt").toString());
        CorpusJob.Result cached = runCached();
        assertEquals(new CountReuse(5, 0, 4, 0, 0), cached.countReuse());
        assertSameAsFullCount(cached);
        assertEquals(new CountReuse(5, 5, 0, 0, 0), runCached().countReuse());
    }

    private CorpusJob.Result runCached() throws IOException {
        lastCachedOutput = dir.resolve("cached-" + runs++);
        return new CorpusJob(spark, config(lastCachedOutput)).run(cache.toString());
    }

    private CorpusConfig config(Path output) {
        return new CorpusConfig(inputPaths, output.toString(), MIN_COUNT, 0, true, 2,
                SentenceOrder.SHUFFLED, 100, 1000, CorpusConfig.DEFAULT_MAX_CHUNK_BYTES, false);
    }

    /** vocab.tsv byte for byte, and every count of the manifest, as counting every file gives them. */
    private void assertSameAsFullCount(CorpusJob.Result cached) throws IOException {
        Path fullOutput = dir.resolve("full-" + runs++);
        CorpusManifest full = new CorpusJob(spark, config(fullOutput)).run();
        assertArrayEquals(Files.readAllBytes(fullOutput.resolve(CorpusManifest.VOCABULARY_FILE)),
                Files.readAllBytes(lastCachedOutput.resolve(CorpusManifest.VOCABULARY_FILE)), "vocab.tsv");
        assertEquals(full.counts(), cached.manifest().counts());
        assertEquals(full.vocabularySize(), cached.manifest().vocabularySize());
    }

    private List<String> vocabularyWords() throws IOException {
        try (InputStream in = Files.newInputStream(lastCachedOutput.resolve(CorpusManifest.VOCABULARY_FILE))) {
            return List.of(Vocabulary.read(in, "vocab.tsv").words());
        }
    }
}
