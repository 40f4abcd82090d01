package dev.embeddings.glove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.averaging.ReplicaScope;
import dev.embeddings.io.Json;
import dev.embeddings.testing.ExpectedFailure;
import dev.embeddings.testing.PlantedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cooccurrence DIR}: a saved matrix is reused only when it matches, and damage to it is caught. */
@Timeout(600)
class CooccurrenceReuseTest {

    @TempDir
    static Path dir;

    @RegisterExtension
    static final PlantedSpark planted = PlantedSpark.local(3000, 3);

    /** Workers with one thread and one replica each: deterministic for a given seed. */
    private static GloveJobConfig config(String output, int window, int workers, String cooccurrence,
            boolean overwriteSaved) {
        GloveConfig training = new GloveConfig(16, window, true, 10, 0.75, 3, 0.05, 100, 1, 5,
                OutputVectors.WORD_PLUS_CONTEXT, 1);
        return new GloveJobConfig(planted.corpusDir(), dir.resolve(output).toString(), training, workers, 2, null,
                false, false).withCooccurrence(cooccurrence, overwriteSaved).withReplicaScope(ReplicaScope.WORKER);
    }

    private static GloveJob.Result run(GloveJobConfig config) throws IOException {
        return new GloveJob(planted.spark(), config).run();
    }

    private static CooccurrenceManifest manifest(Path matrix) throws IOException {
        try (InputStream in = Files.newInputStream(matrix.resolve(CooccurrenceManifest.FILE))) {
            return Json.read(in, CooccurrenceManifest.class, "manifest");
        }
    }

    @Test
    void aReusedMatrixTrainsExactlyAsACountedOneAndAnotherWorkerCountReCutsIt() throws IOException {
        String matrix = dir.resolve("reuse-matrix").toString();
        GloveJob.Result counted = run(config("counted", 5, 2, matrix, false));
        String source = counted.manifest().metrics().cooccurrenceSource();
        assertTrue(source.startsWith("counted, saved to ") && source.endsWith("reuse-matrix"), source);
        CooccurrenceManifest saved = manifest(Path.of(matrix));
        assertEquals(2, saved.files().size());
        assertEquals(counted.manifest().metrics().cooccurrenceEntries(), saved.entries());
        assertEquals(saved.entries(), saved.files().stream().mapToLong(CooccurrenceManifest.PartitionFile::entries)
                .sum());
        try (var listing = Files.list(dir)) {
            assertFalse(listing.anyMatch(p -> p.getFileName().toString().contains("staging")), "no staging left");
        }

        GloveJob.Result reused = run(config("reused", 5, 2, matrix, false));
        assertTrue(reused.manifest().metrics().cooccurrenceSource().startsWith("loaded from"));
        assertNotNull(reused.manifest().metrics().cooccurrenceCountingSecondsSaved());
        assertEquals(counted.manifest().metrics().cooccurrenceEntries(),
                reused.manifest().metrics().cooccurrenceEntries());
        assertArrayEquals(counted.vectors().toArray(), reused.vectors().toArray(), "identical training from the saved matrix");
        assertEquals(counted.manifest().metrics().finalLoss(), reused.manifest().metrics().finalLoss());

        GloveJob.Result threeWorkers = run(config("three", 5, 3, matrix, false));
        assertTrue(threeWorkers.manifest().metrics().cooccurrenceSource().startsWith("loaded"));
        assertEquals(saved.entries(), threeWorkers.manifest().metrics().cooccurrenceEntries());
        GloveJob.Result threeCounted = run(config("three-counted", 5, 3, null, false));
        assertArrayEquals(threeCounted.vectors().toArray(), threeWorkers.vectors().toArray(), 1e-4f,
                "re-cut to three workers, the matrix trains as one counted for three");
    }

    @Test
    void aMatrixCountedWithOtherSettingsIsRefusedNamingTheFieldUnlessOverwriting() throws IOException {
        String matrix = dir.resolve("window-matrix").toString();
        run(config("window5", 5, 2, matrix, false));
        byte[] before = Files.readAllBytes(Path.of(matrix, CooccurrenceManifest.FILE));

        IOException refused = assertThrows(IOException.class, () -> run(config("window3", 3, 2, matrix, false)));
        assertTrue(refused.getMessage().contains("window: saved 5, this run 3"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--overwrite-cooccurrence"), refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(Path.of(matrix, CooccurrenceManifest.FILE)), "left alone");
        assertFalse(Files.exists(dir.resolve("window3")), "no output from a refused run");

        GloveJob.Result replaced = run(config("window3", 3, 2, matrix, true));
        assertTrue(replaced.manifest().metrics().cooccurrenceSource().startsWith("counted, saved"));
        assertEquals(3, manifest(Path.of(matrix)).fingerprint().window());
    }

    @Test
    void aTruncatedOrCorruptPartitionFileIsDetected() throws IOException {
        String matrix = dir.resolve("damaged-matrix").toString();
        run(config("intact", 5, 2, matrix, false));
        Path part = Path.of(matrix, CooccurrenceManifest.PartitionFile.nameOf(1));

        byte[] original = Files.readAllBytes(part);
        try (RandomAccessFile file = new RandomAccessFile(part.toFile(), "rw")) {
            file.setLength(original.length - 12);
        }
        IOException truncated = assertThrows(IOException.class, () -> run(config("t", 5, 2, matrix, false)));
        assertTrue(truncated.getMessage().contains("part-00001.cooc has " + (original.length - 12) + " bytes"),
                truncated.getMessage());

        byte[] flipped = original.clone();
        flipped[original.length - 1] ^= 0x40;
        Files.write(part, flipped);
        GloveJob.Result recounted;
        try (ExpectedFailure corrupt = ExpectedFailure.begin("tasks reading a corrupt co-occurrence partition "
                + "fail, then again before it is recounted")) {
            IOException refused = assertThrows(IOException.class, () -> run(config("c", 5, 2, matrix, false)));
            assertTrue(refused.getMessage().contains("part-00001.cooc: SHA-256"), refused.getMessage());
            recounted = run(config("recounted", 5, 2, matrix, true));
        }
        assertTrue(recounted.manifest().metrics().cooccurrenceSource().startsWith("counted, saved"));
        assertArrayEquals(original, Files.readAllBytes(part), "the recounted partition equals the original");
    }

    @Test
    void aDirectoryThatIsNotASavedMatrixIsRefused() throws IOException {
        Path unrelated = Files.createDirectories(dir.resolve("someone-elses"));
        Files.writeString(unrelated.resolve("notes.txt"), "keep me");
        IOException refused = assertThrows(IOException.class,
                () -> run(config("u", 5, 2, unrelated.toString(), false)));
        assertTrue(refused.getMessage().contains("no manifest.json"), refused.getMessage());
        assertEquals("keep me", Files.readString(unrelated.resolve("notes.txt")));
    }
}
