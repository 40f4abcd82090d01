package dev.embeddings.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.cli.Main;
import dev.embeddings.corpus.SyntheticCorpus;
import dev.embeddings.io.Json;
import dev.embeddings.publish.PublishConfig;
import dev.embeddings.publish.PublishLock;
import dev.embeddings.publish.VectorsRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `embeddings refresh` end to end on Spark local[2]: publish, no-op re-run, quality gate, warm-started update. */
@Timeout(600)
class RefreshCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run refresh(String input, double maxDrop) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "refresh",
                "--master", "local[2]", "--input", input, "--root", dir.resolve("root").toString(),
                "--analogies", dir.resolve("text").resolve(SyntheticCorpus.ANALOGY_FILE).toString(),
                "--max-drop", Double.toString(maxDrop), "--dim", "30", "--epochs", "2", "--workers", "2",
                "--threads", "1", "--shards", "2", "--keep", "3");
        return new Run(status, out.toString(), err.toString());
    }

    private RefreshRecord record(String version) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve("root/versions").resolve(version)
                .resolve(RefreshRecord.FILE))) {
            return Json.read(in, RefreshRecord.class, RefreshRecord.FILE);
        }
    }

    private String latest() throws IOException {
        return Files.readString(dir.resolve("root/LATEST")).trim();
    }

    @Test
    void publishesSkipsUnchangedInputGatesOnAccuracyAndWarmStartsUpdates() throws IOException {
        SyntheticCorpus.standard(7).writeTo(dir.resolve("text"), 20_000);
        String first = dir.resolve("text").resolve(SyntheticCorpus.CORPUS_FILE).toString();

        Run published = refresh(first, 1.0);
        assertEquals(0, published.status(), published.err());
        assertTrue(published.out().contains("published version 000001"), published.out());
        RefreshRecord initial = record("000001");
        assertNull(initial.previousVersion());
        assertNotNull(initial.accuracy(), "evaluated on the planted analogies");
        assertFalse(Files.exists(dir.resolve("root/.refresh-work")), "the work directory is cleaned up");

        Run unchanged = refresh(first, 1.0);
        assertEquals(0, unchanged.status(), unchanged.err());
        assertTrue(unchanged.out().startsWith("unchanged"), unchanged.out());
        assertEquals(List.of("000001"), List.of(Files.list(dir.resolve("root/versions")).map(p -> p.getFileName()
                .toString()).sorted().toArray()));

        // More input: a second file. A gate demanding a 100-point improvement must refuse, keeping version 1.
        Path more = dir.resolve("more");
        SyntheticCorpus.standard(8).writeTo(more, 5_000);
        String both = first + "," + more.resolve(SyntheticCorpus.CORPUS_FILE);
        Run refused = refresh(both, -100);
        assertEquals(3, refused.status(), refused.out() + refused.err());
        assertTrue(refused.out().contains("refused"), refused.out());
        assertEquals("000001", latest());

        Run updated = refresh(both, 100);
        assertEquals(0, updated.status(), updated.err());
        assertEquals("000002", latest());
        RefreshRecord second = record("000002");
        assertEquals("000001", second.previousVersion());
        assertNotNull(second.previousAccuracy());
        assertEquals(2, second.inputs().size());
        assertTrue(second.sharedWords() > 100, "aligned over the shared vocabulary: " + second.sharedWords());
        // Warm-started from version 1, then trained more on similar text: shared words barely move on average.
        assertTrue(second.meanDrift() < 0.5, "mean drift " + second.meanDrift());
        assertTrue(second.topMovers().get(0).drift() >= second.topMovers().get(1).drift());
    }

    @Test
    void badGateOrTrainingSettingsAreUsageErrorsBeforeAnyWork() {
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "refresh",
                "--input", dir.resolve("none").toString(), "--root", dir.resolve("root").toString(), "--max-drop",
                "500");
        assertEquals(2, status);
        assertTrue(err.toString().contains("--max-drop"), err.toString());
        assertFalse(Files.exists(dir.resolve("root")), "nothing was created");
    }

    @Test
    void anOverlappingRefreshFailsWhileTheRootIsLocked() throws IOException {
        SyntheticCorpus.standard(7).writeTo(dir.resolve("text"), 1_000);
        VectorsRepository repository = VectorsRepository.open(PublishConfig.of(dir.resolve("root").toString()),
                new Configuration());
        try (PublishLock held = repository.lock()) {
            Run overlapping = refresh(dir.resolve("text").resolve(SyntheticCorpus.CORPUS_FILE).toString(), 1.0);
            assertEquals(1, overlapping.status(), overlapping.out());
            assertTrue(overlapping.err().contains("another publisher holds"), overlapping.err());
        }
        assertFalse(Files.exists(dir.resolve("root/.refresh-work")), "it trained nothing");
    }
}
