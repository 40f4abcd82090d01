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
    void aCheckpointIntervalBelowOneIsAUsageErrorNamingTheOption() {
        for (String command : new String[] {"word2vec", "glove"}) {
            StringWriter err = new StringWriter();
            int status = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), command,
                    "--config", Path.of("..", "conf", command + ".properties").toString(), "--corpus",
                    dir.resolve("missing").toString(), "--output", dir.resolve("out").toString(),
                    "--resume", "false", "--checkpoint-every", "0");
            assertEquals(2, status, command + ": " + err);
            assertTrue(err.toString().contains("--checkpoint-every must be between 1 and"), command + ": " + err);
        }
    }
}
