package dev.embeddings.cli;

import dev.embeddings.corpus.CorpusReference;
import static dev.embeddings.cli.SmallVectors.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.averaging.RoundsMetrics;
import dev.embeddings.checkpoint.TrainingRound;
import dev.embeddings.cli.SmallVectors.Run;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.TrainingMetrics;
import dev.embeddings.manifest.TrainingParameters;
import dev.embeddings.manifest.VectorsManifest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ReportCommandTest {

    @TempDir
    Path dir;

    private Path finishedRun() throws Exception {
        Path run = SmallVectors.outputDirectory(dir);
        TrainingMetrics metrics = TrainingMetrics.word2vec(new RoundsMetrics(0.5, 1, 0, null, null, List.of(
                TrainingRound.of(TrainingRound.WORDS, 1, 1, 1000, 0.5, 2000.0),
                TrainingRound.of(TrainingRound.WORDS, 1, 2, 2000, 0.4, 2100.0))), 2000, 2000.0);
        VectorsManifest manifest = new VectorsManifest("embeddings-dev", "test", "word2vec",
                TrainingParameters.of(Map.of("dim", 4)), new CorpusReference("corpus", "00", 2000), 5, 4, metrics,
                null, List.of(),
                "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z");
        try (OutputStream out = Files.newOutputStream(run.resolve(VectorsManifest.FILE))) {
            Json.write(out, manifest);
        }
        return run;
    }

    @Test
    void writesTheReportIntoTheOutputDirectoryWithScores() throws Exception {
        Path run = finishedRun();
        Run r = run("report", "--vectors", run.toString(), "--analogy", SmallVectors.analogyFile(dir).toString());
        assertEquals(0, r.status(), r.err());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("analogies.txt") && html.contains("100.00%"), "scores included");
        assertTrue(html.contains("queen"));

        Run again = run("report", "--vectors", run.toString());
        assertEquals(0, again.status(), "an existing report is replaced");
        assertTrue(Files.readString(run.resolve("report.html")).contains("Not evaluated"));
    }

    @Test
    void writesElsewhereWithOutput() throws Exception {
        Path run = finishedRun();
        Path elsewhere = dir.resolve("pages/r.html");
        assertEquals(0, run("report", "--vectors", run.toString(), "--output", elsewhere.toString()).status());
        assertTrue(Files.exists(elsewhere));
        assertFalse(Files.exists(run.resolve("report.html")));
    }

    @Test
    void aDirectoryWithoutManifestIsNotAReportSource() throws Exception {
        Path run = SmallVectors.outputDirectory(dir);
        Run r = run("report", "--vectors", run.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("no manifest.json"), r.err());
    }
}
