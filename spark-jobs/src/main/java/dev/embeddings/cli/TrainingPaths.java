package dev.embeddings.cli;

import dev.embeddings.checkpoint.CheckpointPolicy;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a training command reads and writes: its corpus, its output, an earlier output to start from, and the
 * checkpoints it keeps beside its output to resume after a failure.
 */
final class TrainingPaths {

    /** These options' defaults: {@link CheckpointPolicy}'s. */
    static Map<String, Object> defaults() {
        return Map.of("--resume", CheckpointPolicy.DEFAULT_RESUME, "--checkpoint-every",
                CheckpointPolicy.DEFAULT_INTERVAL);
    }

    @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "Corpus directory (from `corpus`).")
    String corpus;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    String output;

    @Option(names = "--init", paramLabel = "DIR",
            description = "Warm start from an earlier output: shared words keep their vectors.")
    String init;

    @Option(names = "--parquet", description = "Also write vectors.parquet (word, vector, count).")
    boolean parquet;

    @Option(names = "--overwrite", description = "Replace an existing output directory.")
    boolean overwrite;

    @Option(names = "--resume", arity = "1", paramLabel = "true|false",
            description = "Continue from the checkpoint a failed run of the same training left beside the output; "
                    + "false starts from scratch (default: ${DEFAULT-VALUE}).")
    boolean resume;

    @Option(names = "--checkpoint-every", paramLabel = "N|TIME",
            description = "Write a checkpoint after every N averaging rounds, or after the first round that ends TIME "
                    + "(90s, 2m, 1h) after the previous checkpoint; always after the last round "
                    + "(default: ${DEFAULT-VALUE}).")
    String checkpointEvery;

    /**
     * Fails before Spark starts if the corpus, or the output to start from, is missing, or if an s3a corpus, output
     * or earlier output cannot be reached with the driver's settings.
     */
    void checkInputs() throws IOException {
        InputPaths.checkCorpus("--corpus", corpus);
        InputPaths.checkOutput("--output", output);
        if (init != null) {
            InputPaths.checkEarlierVectors("--init", init);
        }
    }

    CheckpointPolicy checkpointing() {
        return CheckpointPolicy.of(resume, checkpointEvery);
    }
}
