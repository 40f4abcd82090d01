package dev.embeddings.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.testing.ExpectedFailure;
import dev.embeddings.testing.PlantedCorpus;
import dev.embeddings.testing.TestSpark;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.word2vec.Word2VecConfig;
import dev.embeddings.word2vec.Word2VecJob;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor JVM killed while an averaging round runs, on a real multi-JVM cluster: the worker's task is lost,
 * Spark restarts the barrier stage (the surviving worker stops waiting for the lost one's rows), every worker goes
 * on from the newest checkpoint, and the job ends with vectors that recover the planted relations, every round
 * trained once.
 */
@Timeout(900)
class ExecutorFailureTest {

    private SparkSession spark;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void anExecutorKilledMidRoundIsReplacedAndTrainingStillRecoversPlantedRelations() throws Exception {
        spark = TestSpark.localCluster(2);
        PlantedCorpus planted = PlantedCorpus.create(spark, dir, 40_000, 2);
        Word2VecConfig training = Word2VecConfig.builder().dim(50).threads(1).seed(5).build();
        Path output = dir.resolve("out");
        Word2VecJobConfig config = new Word2VecJobConfig(planted.corpusDir(), output.toString(), training, 2, 2,
                null, false, false);
        CompletableFuture<Word2VecJob.Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return new Word2VecJob(spark, config).run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        // Round 1 is done once its checkpoint exists; round 2 runs once Spark reports an active stage again.
        Path firstCheckpoint = output.resolveSibling(".out.checkpoint").resolve("round-000001.ckpt");
        await(() -> Files.exists(firstCheckpoint), run);
        await(() -> spark.sparkContext().statusTracker().getActiveStageIds().length > 0, run);
        List<ProcessHandle> executors = ProcessHandle.current().descendants()
                .filter(p -> commandLine(p).contains("CoarseGrainedExecutorBackend")).toList();
        assertEquals(2, executors.size(), "two executor JVMs: " + executors);
        ProcessHandle victim = executors.get(0);
        Word2VecJob.Result result;
        try (ExpectedFailure killed = ExpectedFailure.begin("killing executor JVM " + victim.pid() + " mid-round")) {
            assertTrue(victim.destroyForcibly(), "killed executor " + victim.pid());
            victim.onExit().get(60, TimeUnit.SECONDS);
            result = run.get(600, TimeUnit.SECONDS);
        }
        assertFalse(victim.isAlive());
        AnalogyResult scores = planted.analogies(WordVectors.of(result.vocabulary().words(), result.model().input().toArray(),
                training.dim()));
        assertTrue(scores.sections().get("capital-country").accuracy() >= 0.2, "capital analogies: " + scores);
        assertTrue(scores.sections().get("country-language").accuracy() >= 0.2, "language analogies: " + scores);
        assertEquals(training.epochs() * 2, result.manifest().metrics().history().size(),
                "every round trained once");
    }

    /** A process's command line; ProcessHandle.Info leaves it out for long ones, /proc has it on Linux. */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return process.info().commandLine().orElse("");
        }
    }

    /** Polls {@code condition} until it holds; fails if the training ends first. */
    private static void await(BooleanSupplier condition, CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (run.isDone()) {
                run.get();
                throw new AssertionError("training ended before the executor could be killed");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for training to reach round 2");
            }
            Thread.sleep(10);
        }
    }
}
