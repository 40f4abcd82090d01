package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The training commands' resume options: validated before any work, and accepted in the shipped config files. */
@Timeout(120)
class CheckpointOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aCheckpointIntervalBelowOneOrWithoutAUnitIsAUsageErrorNamingTheOption() {
        for (String command : new String[] {"word2vec", "glove"}) {
            assertUsageError(command, "0", "--checkpoint-every must be in [1, ");
            assertUsageError(command, "5x", "--checkpoint-every must be a number of rounds (4) or a time");
        }
    }

    private void assertUsageError(String command, String every, String message) {
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), command,
                "--config", Path.of("..", "conf", command + ".properties").toString(), "--corpus",
                dir.resolve("missing").toString(), "--output", dir.resolve("out").toString(),
                "--resume", "false", "--checkpoint-every", every);
        assertEquals(2, status, command + ": " + err);
        assertTrue(err.toString().contains(message), command + ": " + err);
    }
}
