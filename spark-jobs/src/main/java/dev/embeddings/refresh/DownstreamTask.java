package dev.embeddings.refresh;

import dev.embeddings.backend.Nd4jThreads;
import dev.embeddings.finetune.FineTuneRun;
import dev.embeddings.finetune.FineTuneRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A downstream task fine-tuned on new vectors: by a refresh on every new version, published beside its vectors in
 * {@code versions/<id>/models/<name>/}; by {@code tune --objective finetune} on every trial's vectors, its dev score
 * the trial's objective.
 *
 * @param name    the task's name: its directory, and how {@code predict --task-name} picks it
 * @param run     the {@code finetune} run, its vectors and output replaced by the caller's
 * @param threads ND4J's native threads while it trains ({@code finetune --threads})
 */
public record DownstreamTask(String name, FineTuneRun run, int threads) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    public DownstreamTask {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--downstream: a task name is letters, digits, '-' and '_', got '"
                    + name + "'");
        }
        if (run.compare()) {
            throw new IllegalArgumentException("downstream task " + name + ": one embedding mode, not --compare");
        }
    }

    /**
     * Fine-tunes the task on {@code vectors} (a local vector file) into {@code output}, as {@code embeddings finetune}
     * would; {@code spark} is used only when the run has more than one worker.
     */
    public FineTuneRunner.ModeResult train(Path vectors, Path output, JavaSparkContext spark) throws IOException {
        Nd4jThreads.limit(threads);
        FineTuneRun on = run.on(vectors, output);
        return FineTuneRunner.run(on, on.distributed() ? spark : null).get(0);
    }

    /** The vector file on the local disk: itself on a local file system, else a copy in {@code work}. */
    public static Path localVectors(FileSystem fs, org.apache.hadoop.fs.Path vectors, Path work) throws IOException {
        if ("file".equals(fs.getUri().getScheme())) {
            return Path.of(fs.makeQualified(vectors).toUri());
        }
        Path copy = work.resolve(vectors.getName());
        fs.copyToLocalFile(false, vectors, new org.apache.hadoop.fs.Path(copy.toUri()), true);
        return copy;
    }
}
