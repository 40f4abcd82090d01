package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The rounds per epoch word2vec and refresh run when --syncs-per-epoch is left at its default. */
class Word2VecOptionsTest {

    @Command
    static final class Holder {
        @Mixin
        Word2VecOptions options;
    }

    private static int rounds(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.options.roundsPerEpoch();
    }

    @Test
    void severalWorkersMergeSixteenTimesPerEpochByDefault() {
        assertEquals(4, rounds());
        assertEquals(4, rounds("--workers", "1"));
        assertEquals(16, rounds("--workers", "2"));
        assertEquals(16, rounds("--workers", "8"));
    }

    @Test
    void anExplicitRoundCountIsKept() {
        assertEquals(4, rounds("--workers", "2", "--syncs-per-epoch", "4"));
        assertEquals(32, rounds("--syncs-per-epoch", "32"));
    }
}
