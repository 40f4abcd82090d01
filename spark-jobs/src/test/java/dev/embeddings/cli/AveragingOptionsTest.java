package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.averaging.MergeRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The averaging options (--workers, --merge, --syncs-per-epoch, --threads) declared once and shared by word2vec,
 * refresh and glove: each command's own round counts, its own help, and its config-file keys.
 */
class AveragingOptionsTest {

    @TempDir
    Path dir;

    @Command
    static final class Holder {
        @Mixin
        AveragingOptions options;
    }

    private static AveragingOptions parse(String... args) {
        Holder holder = new Holder();
        Main.commandLine(holder).parseArgs(args);
        return holder.options;
    }

    @Test
    void roundsPerEpochAreTheCommandsCountsUnlessGiven() {
        assertEquals(3, parse().roundsPerEpoch(3, 7), "one worker by default");
        assertEquals(7, parse("--workers", "2").roundsPerEpoch(3, 7));
        assertEquals(7, parse("--workers", "5").roundsPerEpoch(3, 7));
        assertEquals(2, parse("--workers", "5", "--syncs-per-epoch", "2").roundsPerEpoch(3, 7));
        assertEquals(9, parse("--syncs-per-epoch", "9").roundsPerEpoch(3, 7));
    }

    @Test
    void mergeIsTheCommandsDefaultUnlessGivenAndOnlyOneTheCommandOffers() {
        assertEquals(MergeRule.SUM, parse().merge(MergeRule.SUM, MergeRule.AVERAGE));
        assertEquals(MergeRule.ADAPTIVE, parse().merge(Word2VecOptions.MERGES));
        assertEquals(MergeRule.AVERAGE, parse("--merge", "average").merge(Word2VecOptions.MERGES));
        assertEquals(MergeRule.AVERAGE, parse("--merge", "AVERAGE").merge(Word2VecOptions.MERGES), "any case");
        CommandLine.ParameterException unknown = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--merge", "median"));
        assertTrue(unknown.getMessage().contains("but was 'median'"), unknown.getMessage());
        IllegalArgumentException notOffered = assertThrows(IllegalArgumentException.class,
                () -> parse("--merge", "adaptive").merge(GloveCommand.MERGES));
        assertEquals("merge must be one of sum, average, got 'adaptive'", notOffered.getMessage());
    }

    @Test
    void threadsZeroCountsAsOneUntilSparkCanTell() {
        assertEquals(1, parse().provisionalThreads());
        assertEquals(3, parse("--threads", "3").provisionalThreads());
    }

    private static String help(String command) {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), command,
                "--help"));
        return out.toString().replaceAll("\\s+", " ");
    }

    @Test
    void eachCommandDescribesItsOwnWorkersAndAutomaticRounds() {
        String word2vecRounds = "0 = " + Word2VecOptions.ONE_WORKER_ROUNDS + " for one worker, "
                + Word2VecOptions.SEVERAL_WORKERS_ROUNDS + " for several (default: 0)";
        String word2vecWorkers = "Parallel workers (Spark tasks), each training a copy on its shards (default: 1)";
        for (String command : new String[] {"word2vec", "refresh"}) {
            String help = help(command);
            assertTrue(help.contains(word2vecRounds), command + ": " + help);
            assertTrue(help.contains(word2vecWorkers), command + ": " + help);
            assertTrue(help.contains("--merge=RULE") && help.contains("--threads=T"), command + ": " + help);
            assertTrue(help.contains("after a round (default: adaptive): adaptive = row by row"),
                    command + ": " + help);
        }
        String glove = help("glove");
        assertTrue(glove.contains("0 = " + GloveCommand.ONE_WORKER_ROUNDS + " for one worker, "
                + GloveCommand.SEVERAL_WORKERS_ROUNDS + " for several (default: 0)"), glove);
        assertTrue(glove.contains("worker p trains the rows hashed to p (default: 1)"), glove);
        assertTrue(glove.contains("--merge=RULE") && glove.contains("--threads=T"), glove);
        assertTrue(glove.contains("after a round (default: sum): sum = their sum") && !glove.contains("adaptive"),
                glove);
    }

    /** {@code --config FILE} with the four keys, parsed as {@link Main} does (no job runs). */
    private AveragingOptions configured(String command, Function<Object, AveragingOptions> options, String... required)
            throws Exception {
        Path conf = dir.resolve(command + ".properties");
        Files.writeString(conf, "workers = 3\nmerge = average\nsyncs-per-epoch = 5\nthreads = 2\n");
        String[] args = new String[required.length + 3];
        args[0] = command;
        args[1] = "--config";
        args[2] = conf.toString();
        System.arraycopy(required, 0, args, 3, required.length);
        CommandLine root = Main.commandLine(new Main());
        ConfigFile.apply(root, args);
        root.parseArgs(args);
        return options.apply(root.getSubcommands().get(command).getCommand());
    }

    @Test
    void theConfigFileKeysAreTheOptionNamesInEveryCommand() throws Exception {
        AveragingOptions[] parsed = {
                configured("word2vec", c -> ((Word2VecCommand) c).training.averaging, "--corpus", "c", "--output",
                        "o"),
                configured("refresh", c -> ((RefreshCommand) c).training.averaging, "--input", "i", "--root", "r"),
                configured("glove", c -> ((GloveCommand) c).averaging, "--corpus", "c", "--output", "o")};
        for (AveragingOptions options : parsed) {
            assertEquals(3, options.workers);
            assertEquals(MergeRule.AVERAGE, options.merge(GloveCommand.MERGES));
            assertEquals(5, options.roundsPerEpoch(1, 1));
            assertEquals(2, options.provisionalThreads());
        }
    }
}
