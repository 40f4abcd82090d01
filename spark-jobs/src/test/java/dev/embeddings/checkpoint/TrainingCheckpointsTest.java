package dev.embeddings.checkpoint;

import dev.embeddings.matrix.FloatMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.matrix.Parameters;
import dev.embeddings.testing.TestHdfs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints beside an output on a real HDFS (MiniDFSCluster) and on the local file system: only the newest
 * complete one is kept and restored; half-written files, other trainings' checkpoints and --resume false are not.
 */
@Timeout(300)
class TrainingCheckpointsTest {

    private static final Fingerprint RUN = Fingerprint.of(Map.of("dim", 2, "seed", 1));
    private static final int TOTAL_ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void onHdfs() throws Exception {
        try (TestHdfs hdfs = TestHdfs.start(dir)) {
            keepsAndRestoresOnlyTheNewestCompleteCheckpoint(hdfs.uri() + "/jobs/vectors", hdfs.conf());
        }
    }

    @Test
    void onTheLocalFileSystem() throws Exception {
        keepsAndRestoresOnlyTheNewestCompleteCheckpoint(dir.resolve("jobs").resolve("vectors").toString(),
                new Configuration());
    }

    private void keepsAndRestoresOnlyTheNewestCompleteCheckpoint(String output, Configuration conf)
            throws IOException {
        TrainingCheckpoints checkpoints = open(output, conf, true, RUN);
        Parameters model = model(1f);
        assertEquals(Progress.START, restore(checkpoints, model), "nothing to resume yet");
        checkpoints.roundDone(new Progress(1, 100, List.of(round(1, 100, 0.5))), model, TOTAL_ROUNDS);
        model.matrix(0).set(0, 0, 7f);
        checkpoints.roundDone(new Progress(2, 200, List.of(round(1, 100, 0.5), round(2, 200, 0.25))), model,
                TOTAL_ROUNDS);
        FileSystem fs = checkpoints.directory().getFileSystem(conf);
        assertEquals(List.of("round-000002.ckpt"), names(fs, checkpoints));
        assertEquals("." + new org.apache.hadoop.fs.Path(output).getName() + ".checkpoint",
                checkpoints.directory().getName(), "beside the output, hidden");

        // A run killed while writing round 3's checkpoint leaves only a temporary file: it is not a checkpoint.
        try (OutputStream half = fs.create(new org.apache.hadoop.fs.Path(checkpoints.directory(),
                ".round-000003.ckpt.tmp-killed"))) {
            half.write(new byte[] {'E', 'M', 'B'});
        }
        Parameters restored = model(0f);
        Progress progress = restore(open(output, conf, true, RUN), restored);
        assertEquals(2, progress.roundsDone());
        assertEquals(200, progress.items());
        assertEquals(0.25, progress.lastLoss());
        assertArrayEquals(model.matrix(0).toArray(), restored.matrix(0).toArray());
        assertArrayEquals(model.matrix(1).toArray(), restored.matrix(1).toArray());

        Parameters untouched = model(0f);
        Fingerprint otherSeed = Fingerprint.of(Map.of("dim", 2, "seed", 2));
        assertEquals(Progress.START, restore(open(output, conf, true, otherSeed), untouched),
                "another training's checkpoint is not resumed");
        assertArrayEquals(model(0f).matrix(0).toArray(), untouched.matrix(0).toArray());
        assertFalse(fs.exists(checkpoints.directory()), "and is deleted, so it cannot be resumed by mistake later");

        checkpoints.roundDone(new Progress(2, 200, List.of()), model, TOTAL_ROUNDS);
        assertEquals(Progress.START, restore(open(output, conf, false, RUN), untouched), "--resume false");
        assertFalse(fs.exists(checkpoints.directory()));

        TrainingCheckpoints everyFourth = TrainingCheckpoints.beside(output, conf, new CheckpointPolicy(true, 4), RUN,
                "test", "items", 5);
        everyFourth.roundDone(new Progress(3, 300, List.of()), model, TOTAL_ROUNDS);
        assertFalse(fs.exists(everyFourth.directory()), "not due after round 3");
        everyFourth.roundDone(new Progress(4, 400, List.of()), model, TOTAL_ROUNDS);
        assertTrue(fs.exists(everyFourth.directory()), "due after round 4");
        everyFourth.discard();
        assertFalse(fs.exists(everyFourth.directory()), "discarded once the output is committed");
        assertEquals(1, everyFourth.cost().written());
    }

    @Test
    void aTimeIntervalCountsFromTheStartOfTrainingAndFromEachCheckpoint(@TempDir Path dir) throws Exception {
        String output = dir.resolve("out").toString();
        Configuration conf = new Configuration();
        Parameters model = model(1f);
        TrainingCheckpoints timed = TrainingCheckpoints.beside(output, conf,
                new CheckpointPolicy(true, 0, Duration.ofMillis(400)), RUN, "test", "items", 5);
        restore(timed, model);
        timed.roundDone(new Progress(1, 100, List.of()), model, TOTAL_ROUNDS);
        assertEquals(0, timed.cost().written(), "round 1 ended within the interval");
        Thread.sleep(450);
        timed.roundDone(new Progress(2, 200, List.of()), model, TOTAL_ROUNDS);
        assertEquals(1, timed.cost().written(), "round 2 ended after it");
        timed.roundDone(new Progress(3, 300, List.of()), model, TOTAL_ROUNDS);
        assertEquals(1, timed.cost().written(), "the interval restarts at each checkpoint");
        timed.roundDone(new Progress(TOTAL_ROUNDS, 400, List.of()), model, TOTAL_ROUNDS);
        assertEquals(2, timed.cost().written(), "the last round always");
    }

    /** What a training does before its first round: the driver prepares, a worker loads. */
    private static Progress restore(TrainingCheckpoints checkpoints, Parameters model) throws IOException {
        checkpoints.prepare();
        return checkpoints.loadNewest(model);
    }

    private static TrainingCheckpoints open(String output, Configuration conf, boolean resume, Fingerprint run)
            throws IOException {
        return TrainingCheckpoints.beside(output, conf, new CheckpointPolicy(resume, 1), run, "test", "items", 5);
    }

    private static TrainingRound round(int round, long words, double loss) {
        return TrainingRound.of(TrainingRound.WORDS, 1, round, words, loss, 1000);
    }

    private static Parameters model(float value) {
        float[] vectors = new float[6];
        float[] biases = new float[3];
        Arrays.fill(vectors, value);
        Arrays.fill(biases, -value);
        return new Parameters(FloatMatrix.wrap(vectors, 2), FloatMatrix.wrap(biases, 1));
    }

    private static List<String> names(FileSystem fs, TrainingCheckpoints checkpoints) throws IOException {
        return Arrays.stream(fs.listStatus(checkpoints.directory())).map(FileStatus::getPath)
                .map(org.apache.hadoop.fs.Path::getName).toList();
    }
}
