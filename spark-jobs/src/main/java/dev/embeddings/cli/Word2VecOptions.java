package dev.embeddings.cli;

import dev.embeddings.word2vec.Word2VecConfig;
import picocli.CommandLine.Option;

/**
 * The word2vec training options, as a picocli mixin for every command that trains word2vec ({@code refresh};
 * {@code word2vec} declares the same options and can switch to this mixin).
 */
final class Word2VecOptions {

    @Option(names = "--model", defaultValue = "skipgram", paramLabel = "skipgram|cbow",
            description = "Architecture (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--loss", defaultValue = "ns", paramLabel = "ns|hs",
            description = "Negative sampling or hierarchical softmax (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--dim", defaultValue = "100", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--window", defaultValue = "5",
            description = "Maximum context window; shrunk at random per word (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--negative", defaultValue = "5",
            description = "Negatives per prediction with ns (default: ${DEFAULT-VALUE}).")
    int negative;

    @Option(names = "--sample", defaultValue = "1e-4",
            description = "Subsampling threshold for frequent words; 0 = off (default: ${DEFAULT-VALUE}).")
    double sample;

    @Option(names = "--epochs", defaultValue = "5", description = "Passes over the corpus (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Initial learning rate (default: 0.025 skip-gram, 0.05 CBOW); decays linearly.")
    Double lr;

    @Option(names = "--min-lr-ratio", defaultValue = "1e-4",
            description = "Final learning rate as a fraction of the initial one (default: ${DEFAULT-VALUE}).")
    double minLrRatio;

    @Option(names = "--workers", defaultValue = "1",
            description = "Parallel workers (Spark tasks), each training a copy on its shards (default: "
                    + "${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--merge", defaultValue = "sum", paramLabel = "sum|average",
            description = "How workers' changes to a row are combined after a round: sum (their sum, as sequential "
                    + "SGD would) or average (classic parameter averaging) (default: ${DEFAULT-VALUE}).")
    String merge;

    @Option(names = "--syncs-per-epoch", defaultValue = "0", paramLabel = "K",
            description = "Averaging rounds per epoch; 0 = 4 for one worker, 16 for several (default: ${DEFAULT-VALUE}).")
    int syncsPerEpoch;

    @Option(names = "--backend", defaultValue = "jvm", paramLabel = "jvm|nd4j",
            description = "Training kernels: jvm (primitive arrays, Hogwild threads, as word2vec.c) or nd4j "
                    + "(minibatches as ND4J matrix products; the form a GPU executor runs) (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T",
            description = "Threads per worker; 0 = the cores of this machine / workers in local mode, "
                    + "spark.task.cpus on a cluster (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", defaultValue = "1",
            description = "Random seed; with one thread per worker, runs are reproducible (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The training configuration; {@code --threads 0} counts as 1 until the Spark session can tell. */
    Word2VecConfig.Builder builder() {
        Word2VecConfig.Builder builder = Word2VecConfig.builder()
                .model(Options.choice("--model", model, Word2VecConfig.Architecture.class))
                .loss(Options.choice("--loss", loss, Word2VecConfig.Loss.class))
                .dim(dim).window(window).negative(negative).sample(sample).epochs(epochs).minLrRatio(minLrRatio)
                .seed(seed).threads(Math.max(1, threads)).backend(switch (backend) {
                    case "jvm" -> Word2VecConfig.Backend.JAVA;
                    case "nd4j" -> Word2VecConfig.Backend.ND4J;
                    default -> throw new IllegalArgumentException("--backend must be jvm or nd4j, got '" + backend
                            + "'");
                });
        if (lr != null) {
            builder.learningRate(lr);
        }
        return builder;
    }

    /**
     * The rounds per epoch to run: as given, or by default 4 for one worker (progress and checkpoints; quality does
     * not depend on it) and 16 for several (with 2 workers, one epoch of skip-gram reached 9.2 % analogy at 16
     * against 4.9 % at 4; one worker 10.0 %).
     */
    int roundsPerEpoch() {
        return syncsPerEpoch != 0 ? syncsPerEpoch : workers == 1 ? 4 : 16;
    }
}
