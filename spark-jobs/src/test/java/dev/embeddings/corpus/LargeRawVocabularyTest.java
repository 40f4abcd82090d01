package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embeddings.io.Json;
import dev.embeddings.testing.ChildJob;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Six million distinct words, each once, beside a thousand frequent ones: their raw count table (about 100 bytes a
 * word as Java objects, ~600 MB) is larger than the whole 512 MB heap of the JVM that runs the corpus job (driver and
 * executors). The job still succeeds: the counts are summed and cut at --min-count and --max-vocab on the executors,
 * and the driver receives only the vocabulary's candidates.
 */
@Timeout(600)
class LargeRawVocabularyTest {

    private static final int RARE = 6_000_000;
    private static final int FREQUENT = 1_000;

    @TempDir
    Path dir;

    @Test
    void aRawCountTableLargerThanTheHeapNeverReachesTheDriver() throws Exception {
        Path input = dir.resolve("words.txt");
        try (BufferedWriter out = Files.newBufferedWriter(input)) {
            for (int i = 0; i < RARE; i++) {
                out.write(i % 12 == 11 ? "r" + Integer.toString(i, 36) + "\n" : "r" + Integer.toString(i, 36) + " ");
            }
            for (int repeat = 0; repeat < 3; repeat++) {
                for (int w = 0; w < FREQUENT; w++) {
                    out.write(w % 12 == 11 ? "f" + w + "\n" : "f" + w + " ");
                }
            }
        }
        Path corpus = dir.resolve("corpus");
        try (ChildJob job = ChildJob.startWithHeap(dir.resolve("corpus.log"), "512m", "corpus", "--input", input.toString(),
                "--output", corpus.toString(), "--min-count", "2", "--max-vocab", "600", "--shards", "1",
                "--master", "local[2]")) {
            assertEquals(0, job.waitFor(Duration.ofMinutes(8)), job.log());
        }
        CorpusManifest manifest = Json.MAPPER.readValue(corpus.resolve(CorpusManifest.FILE).toFile(),
                CorpusManifest.class);
        assertEquals(RARE + FREQUENT, manifest.counts().distinctWords());
        assertEquals(600, manifest.vocabularySize(), "the first 600 of the 1,000 frequent words");
    }
}
