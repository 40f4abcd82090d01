package dev.embeddings.cli;

import picocli.CommandLine.Option;

/** Options every training command takes: its input and output, threads, seed and warm start. */
final class TrainingOptions {

    @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "Corpus directory (from `corpus`).")
    String corpus;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    String output;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T",
            description = "Threads per worker; 0 = the cores of this machine / workers in local mode, "
                    + "spark.task.cpus on a cluster (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", defaultValue = "1",
            description = "Random seed; with one thread per worker, runs are reproducible (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--init", paramLabel = "DIR",
            description = "Warm start from an earlier output: shared words keep their vectors.")
    String init;

    @Option(names = "--parquet", description = "Also write vectors.parquet (word, vector, count).")
    boolean parquet;

    @Option(names = "--overwrite", description = "Replace an existing output directory.")
    boolean overwrite;
}
