package dev.embeddings.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.averaging.ReplicaScope;
import dev.embeddings.glove.GloveConfig;
import dev.embeddings.glove.GloveJob;
import dev.embeddings.glove.GloveJobConfig;
import dev.embeddings.glove.OutputVectors;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.testing.ChildJob;
import dev.embeddings.testing.ExpectedFailure;
import dev.embeddings.testing.PlantedSpark;
import dev.embeddings.word2vec.Word2VecConfig;
import dev.embeddings.word2vec.Word2VecJob;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training driver killed outright (SIGKILL, in a child JVM) after some averaging rounds, then run again with the
 * same settings, resumes from its last checkpoint and ends with exactly the vectors of an uninterrupted run
 * (deterministic settings: a seed, one thread per worker). Checkpoints of another training, or damaged ones, are
 * not resumed.
 */
@Timeout(900)
class ResumeAfterFailureTest {

    private static final int EPOCHS = 2;
    private static final int ROUNDS = 3;
    private static final int TOTAL_ROUNDS = EPOCHS * ROUNDS;

    @RegisterExtension
    static final PlantedSpark planted = PlantedSpark.local(20_000, 2);

    @TempDir
    Path dir;

    @Test
    void word2vecKilledAfterARoundResumesToTheVectorsOfAnUninterruptedRun() throws Exception {
        Word2VecConfig training = Word2VecConfig.builder().dim(30).epochs(EPOCHS).threads(1).seed(3).build();
        Word2VecJob.Result uninterrupted = new Word2VecJob(planted.spark(),
                word2vec(dir.resolve("uninterrupted"), training)).run();

        Path output = dir.resolve("resumed");
        killAfterCheckpoint(output, 2, "word2vec", "--dim", "30", "--seed", "3");
        Path otherSettings = copyCheckpoints(output, dir.resolve("other-seed"));
        Path damaged = copyCheckpoints(output, dir.resolve("damaged"));
        damage(damaged);

        Word2VecJob.Result resumed = new Word2VecJob(planted.spark(), word2vec(output, training)).run();
        assertResumed(resumed.manifest(), uninterrupted.manifest(), 2);
        assertArrayEquals(uninterrupted.model().input().toArray(), resumed.model().input().toArray(),
                "resumed vectors equal the uninterrupted run's, bit for bit");
        assertFalse(Files.exists(checkpoints(output)), "checkpoints are deleted once the output is committed");

        Word2VecConfig otherSeed = Word2VecConfig.builder().dim(30).epochs(EPOCHS).threads(1).seed(4).build();
        Word2VecJob.Result afterDamage;
        try (ExpectedFailure refused = ExpectedFailure.begin("a checkpoint of another seed, then a damaged one, "
                + "each refused with a warning")) {
            Word2VecJob.Result fresh = new Word2VecJob(planted.spark(), word2vec(otherSettings, otherSeed)).run();
            assertEquals(0, resumedAfter(fresh.manifest()), "a checkpoint of other settings is not resumed");
            afterDamage = new Word2VecJob(planted.spark(), word2vec(damaged, training)).run();
        }
        assertEquals(0, resumedAfter(afterDamage.manifest()), "a damaged checkpoint is not resumed");
        assertArrayEquals(uninterrupted.model().input().toArray(), afterDamage.model().input().toArray(),
                "ignoring it, the run starts from scratch and matches the uninterrupted run");
    }

    @Test
    void subwordWord2vecKilledAfterARoundResumesToTheVectorsOfAnUninterruptedRunNgramRowsIncluded() throws Exception {
        Word2VecConfig training = Word2VecConfig.builder().dim(20).epochs(EPOCHS).threads(1).seed(3).minn(3).maxn(5)
                .buckets(20_000).build();
        Word2VecJob.Result uninterrupted = new Word2VecJob(planted.spark(),
                word2vec(dir.resolve("uninterrupted"), training)).run();

        Path output = dir.resolve("resumed");
        killAfterCheckpoint(output, ROUNDS + 1, "word2vec", "--dim", "20", "--seed", "3", "--minn", "3", "--maxn", "5",
                "--buckets", "20000");

        Word2VecJob.Result resumed = new Word2VecJob(planted.spark(), word2vec(output, training)).run();
        assertResumed(resumed.manifest(), uninterrupted.manifest(), ROUNDS + 1);
        assertArrayEquals(uninterrupted.model().input().toArray(), resumed.model().input().toArray(),
                "resumed word and n-gram rows equal the uninterrupted run's, bit for bit");
        assertArrayEquals(Files.readAllBytes(dir.resolve("uninterrupted").resolve(VectorsManifest.FASTTEXT_MODEL)),
                Files.readAllBytes(output.resolve(VectorsManifest.FASTTEXT_MODEL)), "and so does model.bin");
    }

    @Test
    void gloveKilledMidEpochResumesToTheVectorsOfAnUninterruptedRunAdaGradStateIncluded() throws Exception {
        GloveConfig training = new GloveConfig(20, 10, true, 100, 0.75, EPOCHS, 0.05,
                GloveConfig.defaults().gradClip(), 1, 3, OutputVectors.WORD_PLUS_CONTEXT, 256);
        GloveJob.Result uninterrupted = new GloveJob(planted.spark(), glove(dir.resolve("uninterrupted"), training))
                .run();

        Path output = dir.resolve("resumed");
        // Round 1 of epoch 2: resuming there needs the entries in the order epoch 2's shuffle left them.
        killAfterCheckpoint(output, ROUNDS + 1, "glove", "--dim", "20", "--seed", "3");

        GloveJob.Result resumed = new GloveJob(planted.spark(), glove(output, training)).run();
        assertResumed(resumed.manifest(), uninterrupted.manifest(), ROUNDS + 1);
        assertArrayEquals(uninterrupted.vectors().toArray(), resumed.vectors().toArray(),
                "resumed vectors equal the uninterrupted run's, bit for bit");
    }

    private Word2VecJobConfig word2vec(Path output, Word2VecConfig training) {
        return new Word2VecJobConfig(planted.corpusDir(), output.toString(), training, 2, ROUNDS, null, false, false)
                .withReplicaScope(ReplicaScope.WORKER);
    }

    private GloveJobConfig glove(Path output, GloveConfig training) {
        return new GloveJobConfig(planted.corpusDir(), output.toString(), training, 2, ROUNDS, null, false, false)
                .withReplicaScope(ReplicaScope.WORKER);
    }

    /** Runs the command in a child JVM and kills it once its checkpoint after {@code rounds} rounds exists. */
    private void killAfterCheckpoint(Path output, int rounds, String command, String... settings) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(command, "--corpus", planted.corpusDir(), "--output",
                output.toString(), "--epochs", String.valueOf(EPOCHS), "--syncs-per-epoch", String.valueOf(ROUNDS),
                "--workers", "2", "--threads", "1", "--replica-per", "worker", "--master", "local[2]", "--checkpoint-every", "1"));
        args.addAll(List.of(settings));
        try (ChildJob child = ChildJob.start(dir.resolve(command + "-child.log"), args.toArray(String[]::new))) {
            child.awaitFile(checkpoints(output).resolve(String.format(Locale.ROOT, "round-%06d.ckpt", rounds)),
                    Duration.ofMinutes(5));
            child.kill();
        }
        assertFalse(Files.exists(output), "the killed run published nothing");
    }

    private static void assertResumed(VectorsManifest resumed, VectorsManifest uninterrupted, int atLeast) {
        int after = resumedAfter(resumed);
        // At least the round whose checkpoint the test saw; more if the child got further before it died.
        assertTrue(after >= atLeast && after <= TOTAL_ROUNDS, "resumed after round " + after);
        assertEquals(0, resumedAfter(uninterrupted));
        assertEquals(losses(uninterrupted), losses(resumed), "the history carries every round, as uninterrupted");
    }

    private static int resumedAfter(VectorsManifest manifest) {
        return manifest.metrics().resumedAfterRound();
    }

    private static List<Double> losses(VectorsManifest manifest) {
        return manifest.metrics().history().stream().map(TrainingRound::loss).toList();
    }

    private static Path checkpoints(Path output) {
        return output.resolveSibling("." + output.getFileName() + ".checkpoint");
    }

    /** Copies the checkpoints of {@code output} to be those of {@code other}; returns {@code other}. */
    private static Path copyCheckpoints(Path output, Path other) throws IOException {
        Files.createDirectories(checkpoints(other));
        try (Stream<Path> files = Files.list(checkpoints(output))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("round-")).toList()) {
                Files.copy(file, checkpoints(other).resolve(file.getFileName()));
            }
        }
        return other;
    }

    /** Flips one bit in the middle of every checkpoint of {@code output}. */
    private static void damage(Path output) throws IOException {
        try (Stream<Path> files = Files.list(checkpoints(output))) {
            for (Path file : files.toList()) {
                byte[] bytes = Files.readAllBytes(file);
                bytes[bytes.length / 2] ^= 1;
                Files.write(file, bytes);
            }
        }
    }
}
