package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.testing.Corpora;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract other issues and users rely on: help, exit statuses, clear usage errors, config files. */
@Timeout(300)
class CommandLineTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void everyCommandHasHelpAndExitsZero() {
        for (String command : new String[] {"corpus", "sample"}) {
            Run r = run(command, "--help");
            assertEquals(0, r.status(), command);
            assertTrue(r.out().contains("Usage: embeddings " + command), r.out());
        }
        Run top = run("--help");
        assertEquals(0, top.status());
        assertTrue(top.out().contains("corpus") && top.out().contains("sample"), top.out());
    }

    @Test
    void anUnknownOptionIsRejectedByName() {
        Run r = run("corpus", "--input", "x", "--output", "y", "--min-cuont", "3");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--min-cuont"), r.err());
    }

    @Test
    void aMistypedOptionIsNamedFirstWithTheLikelyIntentAndNoUsageDump() {
        // --corpus is required, so picocli notices it missing first; the typo is the real problem.
        for (String command : new String[] {"word2vec", "glove"}) {
            Run r = run(command, "--corpuss", "x", "--output", dir.resolve("o").toString());
            assertEquals(2, r.status(), r.err());
            String[] lines = r.err().strip().split("\\R");
            assertEquals(command + ": error: unknown option '--corpuss' (did you mean --corpus?)", lines[0], r.err());
            assertEquals(List.of("see 'embeddings " + command + " --help'"), List.of(lines).subList(1, lines.length));
        }
        Run withValue = run("corpus", "--input", "x", "--output", "y", "--min-cuont=3");
        assertEquals("corpus: error: unknown option '--min-cuont' (did you mean --min-count?)",
                withValue.err().lines().findFirst().orElseThrow(), withValue.err());
    }

    @Test
    void aMistypedCommandIsNamedWithTheLikelyIntent() {
        Run r = run("word2vek", "--corpus", "x");
        assertEquals(2, r.status());
        assertEquals(List.of("embeddings: error: unknown command 'word2vek' (did you mean word2vec?)",
                "see 'embeddings --help'"), r.err().lines().toList());
    }

    @Test
    void anOptionFarFromAnyKnownOneIsNamedWithoutAGuess() {
        Run r = run("corpus", "--input", "x", "--output", "y", "--zzzzzz");
        assertEquals(2, r.status());
        assertEquals("corpus: error: unknown option '--zzzzzz'", r.err().lines().findFirst().orElseThrow());
    }

    @Test
    void aMissingRequiredOptionIsOneLineAndAHint() {
        Run r = run("word2vec", "--output", dir.resolve("o").toString());
        assertEquals(2, r.status());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("word2vec: error: Missing required option") && lines.get(0).contains(
                "--corpus"), r.err());
    }

    /**
     * "nowhere" is no Spark master: had the command created its session before checking its input, creating it
     * would have failed first, with a different error.
     */
    @Test
    void aMissingLocalInputFailsNamingItAndItsOptionBeforeSparkStarts() {
        String missing = dir.resolve("no-such-text").toString();
        Run r = run("corpus", "--master", "nowhere", "--input", missing, "--output", dir.resolve("o").toString());
        assertEquals(1, r.status(), r.err());
        assertEquals(List.of("corpus: error: input path does not exist: " + missing + " (--input)"),
                r.err().lines().toList());
        assertNoLiveSparkSession();
        assertFalse(Files.exists(dir.resolve("o")));

        Run file = run("corpus", "--master", "nowhere", "--input", "file://" + missing, "--output", "o");
        assertEquals("corpus: error: input path does not exist: file://" + missing + " (--input)",
                file.err().strip(), file.err());
    }

    @Test
    void aMissingOrNonCorpusDirectoryFailsNamingItAndItsOptionBeforeSparkStarts() throws Exception {
        Path notACorpus = Files.createDirectories(dir.resolve("text"));
        for (String command : new String[] {"word2vec", "glove"}) {
            for (Path corpus : new Path[] {dir.resolve("no-such-corpus"), notACorpus}) {
                Run r = run(command, "--master", "nowhere", "--corpus", corpus.toString(), "--output",
                        dir.resolve("o").toString());
                assertEquals(1, r.status(), r.err());
                assertEquals(List.of(command + ": error: not a corpus directory (no manifest.json): " + corpus
                        + " (--corpus); create one with `embeddings corpus`"), r.err().lines().toList());
            }
        }
        assertNoLiveSparkSession();
        assertFalse(Files.exists(dir.resolve("o")));
    }

    /** The corpus passes its check (it has a manifest), so the --init check stops the run, before "nowhere". */
    @Test
    void aMissingOrEmptyLocalInitDirectoryFailsNamingItAndItsOptionBeforeSparkStarts() throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("manifest.json"), "{}");
        Path notAnOutput = Files.createDirectories(dir.resolve("text"));
        for (String command : new String[] {"word2vec", "glove"}) {
            for (Path init : new Path[] {dir.resolve("no-such-output"), notAnOutput}) {
                Run r = run(command, "--master", "nowhere", "--corpus", corpus.toString(), "--init", init.toString(),
                        "--output", dir.resolve("o").toString());
                assertEquals(1, r.status(), r.err());
                assertEquals(List.of(command + ": error: not a training output directory (no vectors.bin): " + init
                        + " (--init)"), r.err().lines().toList());
            }
        }
        assertNoLiveSparkSession();
        assertFalse(Files.exists(dir.resolve("o")));
    }

    private static void assertNoLiveSparkSession() {
        assertTrue(SparkSession.getActiveSession().filter(s -> !s.sparkContext().isStopped()).isEmpty());
        assertTrue(SparkSession.getDefaultSession().filter(s -> !s.sparkContext().isStopped()).isEmpty());
    }

    @Test
    void anImpossibleValueIsRejectedBeforeAnyWork() {
        Run r = run("corpus", "--input", "x", "--output", dir.resolve("o").toString(), "--shards", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--shards must be in [1, "), r.err());
    }

    /** The configurations name parameters as the Spark ML estimators do; the command line names its options. */
    @Test
    void aRejectedValueIsNamedByItsOption() {
        String corpus = dir.resolve("c").toString();
        String output = dir.resolve("o").toString();
        Map<List<String>, String> rejected = Map.of(
                List.of("word2vec", "--ns-exponent", "2"), "word2vec: error: --ns-exponent must be in [-1, 1], got 2.0",
                List.of("word2vec", "--lr", "0"), "word2vec: error: --lr must be in (0, 10], got 0.0",
                List.of("word2vec", "--sync-rare-every", "0"), "word2vec: error: --sync-rare-every must be at least 1, "
                        + "got 0",
                List.of("glove", "--x-max", "0"), "glove: error: --x-max must be a finite number > 0, got 0.0",
                List.of("glove", "--merge", "adaptive"), "glove: error: --merge must be one of sum, average, got "
                        + "'adaptive'");
        rejected.forEach((args, message) -> {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("--corpus", corpus, "--output", output));
            Run r = run(all.toArray(new String[0]));
            assertEquals(2, r.status(), r.err());
            assertEquals(message, r.err().lines().findFirst().orElseThrow());
        });
    }

    @Test
    void anUnknownSentenceOrderIsRejectedWithTheChoices() {
        Run r = run("corpus", "--input", "x", "--output", dir.resolve("o").toString(), "--order", "sorted");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("'--order'") && r.err().contains("[shuffled, input]") && r.err().contains("'sorted'"),
                r.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run().status());
    }

    @Test
    void aConfigFileWithAnUnknownKeyIsRejected() throws Exception {
        Path conf = dir.resolve("corpus.properties");
        Files.writeString(conf, "min-count = 2\nshard = 3\n");
        Run r = run("corpus", "--config", conf.toString(), "--input", "x", "--output", "y");
        assertEquals(2, r.status());
        assertEquals(List.of("corpus: error: config file " + conf + ": unknown key 'shard' (did you mean shards?)",
                "see 'embeddings corpus --help'"), r.err().lines().toList());
    }

    @Test
    void configFileValuesAreDefaultsThatFlagsOverride() throws Exception {
        Path input = dir.resolve("in.txt");
        Corpora.writePlain(input, Corpora.lines(8, 500, 60));
        Path conf = dir.resolve("corpus.properties");
        Files.writeString(conf, "min-count = 100000\nshards = 1\n");

        Run fromFile = run("corpus", "--config", conf.toString(), "--input", input.toString(), "--output",
                dir.resolve("a").toString(), "--master", "local[1]");
        assertEquals(1, fromFile.status(), "the file's min-count empties the vocabulary");
        assertTrue(fromFile.err().contains("at least 100000 times"), fromFile.err());

        Run overridden = run("corpus", "--config", conf.toString(), "--min-count", "1", "--input", input.toString(),
                "--output", dir.resolve("b").toString(), "--master", "local[1]");
        assertEquals(0, overridden.status(), overridden.err());
        assertTrue(overridden.out().contains("1 shard(s)"), overridden.out());
    }
}
