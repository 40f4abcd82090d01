package dev.embeddings.cli;

import picocli.CommandLine.Option;

/** Where a training command reads and writes: its corpus, its output, and an earlier output to start from. */
final class TrainingPaths {

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
}
