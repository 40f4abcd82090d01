package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vocabulary of 40,000 words at dim 10,000 is a 3 GB word2vec replica (6 GB for GloVe's): two workers cannot fit
 * the 3 GB test JVM. Each job says so in one line, with the numbers and the setting to raise, before it trains or
 * counts anything, and exits 2 leaving no output.
 */
@Timeout(300)
class OversizedModelTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void corpus() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int line = 0; line < 4_000; line++) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < 10; k++) {
                b.append(k == 0 ? "" : " ").append(Corpora.word(line * 10 + k));
            }
            lines.add(b.toString());
        }
        Path input = dir.resolve("in.txt");
        Corpora.writePlain(input, lines);
        assertEquals(0, SmallVectors.run("corpus", "--input", input.toString(), "--output",
                dir.resolve("corpus").toString(), "--min-count", "1", "--shards", "2", "--master", "local[2]")
                .status());
    }

    @Test
    void word2vecIsRefusedBeforeTraining() {
        assertRefused("word2vec");
    }

    @Test
    void gloveIsRefusedBeforeCountingCooccurrences() {
        assertRefused("glove");
    }

    private static void assertRefused(String job) {
        Path output = dir.resolve(job + "-out");
        long start = System.nanoTime();
        SmallVectors.Run run = SmallVectors.run(job, "--corpus", dir.resolve("corpus").toString(), "--output",
                output.toString(), "--dim", "10000", "--workers", "2", "--master", "local[2]");
        assertEquals(2, run.status(), run.err());
        String line = run.err().lines().filter(l -> l.contains("error:")).findFirst().orElse(run.err());
        assertTrue(line.matches(job + ": error: " + job + ": the model needs [0-9.]+ GiB per executor \\(1 x "
                + "\\(replica [0-9.]+ GiB \\+ owned rows [0-9.]+ GiB\\) \\+ 2 x counts and data [0-9.]+ GiB\\) but an "
                + "executor's heap is [0-9.]+ GiB \\(0.29 GiB of it reserved by Spark\\); raise "
                + "EMBEDDINGS_DRIVER_MEMORY .*"), line);
        assertTrue(System.nanoTime() - start < 60_000_000_000L, "refused up front");
        assertFalse(Files.exists(output), "no output");
    }
}
