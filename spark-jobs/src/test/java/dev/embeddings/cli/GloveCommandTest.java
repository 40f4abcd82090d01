package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.cli.SmallVectors.Run;
import dev.embeddings.io.Json;
import dev.embeddings.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code embeddings glove --cooccurrence DIR} from the command line: saved by one run, reused by the next. */
@Timeout(300)
class GloveCommandTest {

    @TempDir
    Path dir;

    private Run glove(String output, String... extra) {
        String[] base = {"glove", "--corpus", dir.resolve("corpus").toString(), "--output",
                dir.resolve(output).toString(), "--dim", "8", "--epochs", "1", "--threads", "1", "--master",
                "local[2]"};
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return SmallVectors.run(args);
    }

    @Test
    void aSecondRunWithOtherHyperParametersLoadsTheSavedMatrix() throws Exception {
        Path input = dir.resolve("in.txt");
        Corpora.writePlain(input, Corpora.lines(3, 400, 40));
        assertEquals(0, SmallVectors.run("corpus", "--input", input.toString(), "--output", dir.resolve("corpus").toString(),
                "--min-count", "1", "--shards", "2", "--master", "local[1]").status());
        String matrix = dir.resolve("matrix").toString();

        Run first = glove("a", "--cooccurrence", matrix);
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().contains("co-occurrence counted, saved to"), first.out());
        Run second = glove("b", "--cooccurrence", matrix, "--x-max", "20", "--lr", "0.02", "--workers", "2");
        assertEquals(0, second.status(), second.err());
        assertTrue(second.out().contains("co-occurrence loaded from"), second.out());
        assertEquals(1, syncsPerEpoch("a"), "one worker: one round per epoch by default");
        assertEquals(4, syncsPerEpoch("b"), "several workers: four rounds per epoch by default");

        Run tooMany = glove("e", "--cooccurrence", matrix, "--workers", "3");
        assertEquals(2, tooMany.status());
        assertTrue(tooMany.err().contains("--workers 3 needs 3 task slots at once (one per worker), but --master "
                + "local[2] has 2"), tooMany.err());

        Run narrower = glove("c", "--cooccurrence", matrix, "--window", "4");
        assertEquals(1, narrower.status());
        assertTrue(narrower.err().contains("window: saved 10, this run 4"), narrower.err());
        assertTrue(Files.exists(Path.of(matrix, "manifest.json")));
    }

    private int syncsPerEpoch(String output) throws Exception {
        return Json.MAPPER.readTree(dir.resolve(output).resolve("manifest.json").toFile())
                .path("parameters").path("syncsPerEpoch").asInt(-1);
    }

    @Test
    void overwritingTheMatrixWithoutNamingItIsAUsageError() {
        Run r = glove("d", "--overwrite-cooccurrence");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--overwrite-cooccurrence needs a cooccurrence directory"), r.err());
    }
}
