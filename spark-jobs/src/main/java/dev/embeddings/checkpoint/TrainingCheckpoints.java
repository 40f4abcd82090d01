package dev.embeddings.checkpoint;

import dev.embeddings.matrix.Parameters;
import dev.embeddings.spark.FileSystems;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training job's checkpoints, in {@code <parent>/.<name>.checkpoint/} beside its output on the output's file
 * system: a fixed place (the output's staging directory has a random name) that a re-run of the same command finds.
 * Each checkpoint is written under a temporary name and renamed to {@code round-NNNNNN.ckpt} (rounds done), then
 * older ones are deleted, so a reader finds complete files only, on any file system with atomic rename (HDFS,
 * local). The directory is deleted once the output is committed.
 *
 * <p>Resuming: the newest checkpoint is verified (checksum) and its fingerprint compared with this run's; a
 * damaged checkpoint or one from a different run (another corpus, other settings) is logged, with the reason, and
 * deleted, and training starts from scratch: a fresh start is always correct, so a bad checkpoint never fails a job.
 */
public final class TrainingCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingCheckpoints.class);
    private static final String PREFIX = "round-";
    private static final String SUFFIX = ".ckpt";

    private final FileSystem fs;
    private final Path directory;
    private final CheckpointPolicy policy;
    private final Fingerprint fingerprint;
    private final String job;
    private final String unit;
    private final int roundsPerEpoch;
    private int written;
    private long bytesWritten;
    private double secondsWriting;
    // The time the previous checkpoint was written, or training started: what a time interval counts from.
    private long lastCheckpointNanos = System.nanoTime();

    private TrainingCheckpoints(FileSystem fs, Path directory, CheckpointPolicy policy, Fingerprint fingerprint,
            String job, String unit, int roundsPerEpoch) {
        this.fs = fs;
        this.directory = directory;
        this.policy = policy;
        this.fingerprint = fingerprint;
        this.job = job;
        this.unit = unit;
        this.roundsPerEpoch = roundsPerEpoch;
    }

    /**
     * The checkpoints of the job writing {@code output}.
     *
     * @param job            the job's name, for the log ("word2vec")
     * @param unit           what the progress's items count, for the log ("words")
     * @param roundsPerEpoch averaging rounds per epoch, to name a round as epoch and round in the log
     */
    public static TrainingCheckpoints beside(String output, Configuration conf, CheckpointPolicy policy,
            Fingerprint fingerprint, String job, String unit, int roundsPerEpoch) throws IOException {
        Path target = new Path(output);
        FileSystem fs = FileSystems.get(target, conf);
        target = fs.makeQualified(target);
        return new TrainingCheckpoints(fs, new Path(target.getParent(), "." + target.getName() + ".checkpoint"),
                policy, fingerprint, job, unit, roundsPerEpoch);
    }

    public Path directory() {
        return directory;
    }

    /**
     * Before training, on the driver: verifies the newest checkpoint and returns its progress, or, with none usable
     * (damaged, from another training, or resuming off), clears the directory and returns {@link Progress#START}.
     * Reads the file through once and keeps none of its arrays; the workers then {@link #loadNewest} it.
     */
    public Progress prepare() throws IOException {
        Path newest = policy.resume() ? newest() : null;
        if (newest == null) {
            if (!policy.resume()) {
                LOG.info("{}: resume off: starting from scratch", job);
            }
            clear();
            return Progress.START;
        }
        CheckpointFile.Header header;
        try (InputStream in = fs.open(newest)) {
            header = CheckpointFile.verify(in);
        } catch (CorruptCheckpointException e) {
            LOG.warn("{}: ignoring damaged checkpoint {} ({}); starting from scratch", job, newest, e.getMessage());
            clear();
            return Progress.START;
        }
        List<String> differences = header.fingerprint().differences(fingerprint);
        if (!differences.isEmpty()) {
            LOG.warn("{}: checkpoint {} is from a different training ({}); starting from scratch", job, newest,
                    String.join("; ", differences));
            clear();
            return Progress.START;
        }
        Progress progress = header.progress();
        LOG.info(String.format(Locale.ROOT, "%s: resuming from epoch %d round %d (%,d %s done) from %s", job,
                epoch(progress.roundsDone()), round(progress.roundsDone()), progress.items(), unit, newest));
        return progress;
    }

    /**
     * Loads the newest checkpoint into {@code parameters} and returns its progress, or returns
     * {@link Progress#START} leaving them as they are when there is none. After {@link #prepare} every checkpoint
     * left is of this training (a worker restarted mid-run finds the ones this run wrote); a file whose checksum or
     * shapes do not match fails the load rather than train on half a model. Training starts after this: a
     * checkpoint interval in time counts from here.
     */
    public Progress loadNewest(Parameters parameters) throws IOException {
        lastCheckpointNanos = System.nanoTime();
        Path newest = newest();
        if (newest == null) {
            return Progress.START;
        }
        CheckpointFile.Header header;
        try (InputStream in = fs.open(newest)) {
            header = CheckpointFile.load(in, parameters);
        }
        if (!header.fingerprint().differences(fingerprint).isEmpty()) {
            throw new IOException("checkpoint " + newest + " is from a different training");
        }
        return header.progress();
    }

    /** Writes a checkpoint of {@code parameters} at {@code progress} when the policy says one is due. */
    public void roundDone(Progress progress, Parameters parameters, int totalRounds) throws IOException {
        Duration sinceLast = Duration.ofNanos(System.nanoTime() - lastCheckpointNanos);
        if (!policy.due(progress.roundsDone(), totalRounds, sinceLast)) {
            return;
        }
        long start = System.nanoTime();
        String name = String.format(Locale.ROOT, "%s%06d%s", PREFIX, progress.roundsDone(), SUFFIX);
        Path file = new Path(directory, name);
        Path temporary = new Path(directory, "." + name + ".tmp-" + UUID.randomUUID());
        fs.mkdirs(directory);
        try (OutputStream out = fs.create(temporary, true)) {
            CheckpointFile.write(out, fingerprint, progress, parameters);
        }
        long bytes = fs.getFileStatus(temporary).getLen();
        if (!fs.rename(temporary, file)) {
            fs.delete(temporary, false);
            throw new IOException("cannot rename checkpoint " + temporary + " to " + file);
        }
        for (FileStatus status : fs.listStatus(directory)) {
            if (!status.getPath().getName().equals(name)) {
                fs.delete(status.getPath(), false);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        written++;
        bytesWritten += bytes;
        secondsWriting += seconds;
        lastCheckpointNanos = System.nanoTime();
        LOG.info(String.format(Locale.ROOT, "%s: checkpoint after epoch %d round %d: %,d bytes in %.2f s", job,
                epoch(progress.roundsDone()), round(progress.roundsDone()), bytes, seconds));
    }

    /** Deletes the checkpoints: the output they would resume is committed. */
    public void discard() {
        try {
            fs.delete(directory, true);
        } catch (IOException e) {
            LOG.warn("{}: could not delete checkpoint directory {}: {}", job, directory, e.getMessage());
        }
    }

    /** What writing checkpoints cost this run, for the manifest: count, bytes and seconds in all. */
    public CheckpointCost cost() {
        return new CheckpointCost(written, bytesWritten, secondsWriting);
    }

    private Path newest() throws IOException {
        if (!fs.exists(directory)) {
            return null;
        }
        Path newest = null;
        for (FileStatus status : fs.listStatus(directory)) {
            String name = status.getPath().getName();
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)
                    && (newest == null || name.compareTo(newest.getName()) > 0)) {
                newest = status.getPath();
            }
        }
        return newest;
    }

    private void clear() throws IOException {
        if (fs.exists(directory)) {
            fs.delete(directory, true);
        }
    }

    /** 1-based epoch of the last of {@code roundsDone} rounds. */
    private int epoch(int roundsDone) {
        return (roundsDone - 1) / roundsPerEpoch + 1;
    }

    /** 1-based round within its epoch of the last of {@code roundsDone} rounds. */
    private int round(int roundsDone) {
        return (roundsDone - 1) % roundsPerEpoch + 1;
    }
}
