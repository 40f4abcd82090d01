package dev.embeddings.cli;

import dev.embeddings.averaging.MergeRule;
import dev.embeddings.word2vec.Word2VecConfig;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.util.ListResourceBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The word2vec training options, as a picocli mixin for every command that trains word2vec (word2vec, refresh). */
@Command(resourceBundle = "dev.embeddings.cli.Word2VecOptions$AveragingHelp")
final class Word2VecOptions {

    /** {@link Word2VecJobConfig#ONE_WORKER_ROUNDS}. */
    static final int ONE_WORKER_ROUNDS = Word2VecJobConfig.ONE_WORKER_ROUNDS;

    /** {@link Word2VecJobConfig#SEVERAL_WORKERS_ROUNDS}. */
    static final int SEVERAL_WORKERS_ROUNDS = Word2VecJobConfig.SEVERAL_WORKERS_ROUNDS;

    /**
     * The merge rules word2vec supports, its default first: with several workers, the adaptive merge scored above
     * the sum on the analogy benchmark, for CBOW and skip-gram, and came closest to one worker.
     */
    static final MergeRule[] MERGES = {MergeRule.ADAPTIVE, MergeRule.SUM, MergeRule.AVERAGE};

    @Option(names = "--model", defaultValue = "skipgram", paramLabel = "skipgram|cbow",
            description = "Architecture (default: ${DEFAULT-VALUE}).")
    Word2VecConfig.Architecture model;

    @Option(names = "--loss", defaultValue = "ns", paramLabel = "ns|hs",
            description = "Negative sampling or hierarchical softmax (default: ${DEFAULT-VALUE}).")
    Word2VecConfig.Loss loss;

    @Option(names = "--dim", defaultValue = "100", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--window", defaultValue = "5",
            description = "Maximum context window; shrunk at random per word (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--negative", defaultValue = "5",
            description = "Negatives per prediction with ns (default: ${DEFAULT-VALUE}).")
    int negative;

    @Option(names = "--ns-exponent", defaultValue = "0.75", paramLabel = "E",
            description = "Negatives are drawn with probability count^E: word2vec's 0.75, fastText's 0.5; 0 = uniform, "
                    + "in [-1, 1] (default: ${DEFAULT-VALUE}).")
    double nsExponent;

    @Option(names = "--sample", defaultValue = "1e-4",
            description = "Subsampling threshold for frequent words; 0 = off (default: ${DEFAULT-VALUE}).")
    double sample;

    @Option(names = "--epochs", defaultValue = "5", description = "Passes over the corpus (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Initial learning rate; decays linearly (default: " + Word2VecConfig.SKIPGRAM_LEARNING_RATE
                    + " skip-gram, " + Word2VecConfig.CBOW_LEARNING_RATE + " CBOW; with --backend nd4j "
                    + Word2VecConfig.ND4J_SKIPGRAM_LEARNING_RATE + " and " + Word2VecConfig.ND4J_CBOW_LEARNING_RATE
                    + ").")
    Double lr;

    @Option(names = "--min-lr-ratio", defaultValue = "1e-4",
            description = "Final learning rate as a fraction of the initial one (default: ${DEFAULT-VALUE}).")
    double minLrRatio;

    @Option(names = "--maxn", defaultValue = "0", paramLabel = "N",
            description = "Longest character n-gram; above 0 trains fastText's subword vectors (fastText's default is "
                    + "6), whose model.bin fastText loads and which compose vectors for unseen words; 0 = plain word "
                    + "vectors (default: ${DEFAULT-VALUE}).")
    int maxn;

    @Option(names = "--minn", defaultValue = "" + Word2VecConfig.DEFAULT_MINN, paramLabel = "N",
            description = "Shortest character n-gram, with --maxn above 0 (default: ${DEFAULT-VALUE}).")
    int minn;

    @Option(names = "--buckets", defaultValue = "" + Word2VecConfig.DEFAULT_BUCKETS, paramLabel = "B",
            description = "Rows the character n-grams are hashed into, with --maxn above 0; each costs dim x 4 bytes "
                    + "of every replica (default: ${DEFAULT-VALUE}).")
    int buckets;

    @Mixin
    AveragingOptions averaging;

    @Option(names = "--sync-rare-every", defaultValue = "1", paramLabel = "R",
            description = "With several workers, the rows of rare words (fewer occurrences in an epoch than rounds x "
                    + "workers) are merged every R rounds and at each epoch's end, the others every round; 1 = every "
                    + "row every round (default: ${DEFAULT-VALUE}).")
    int syncRareEvery;

    @Option(names = "--backend", defaultValue = "jvm", paramLabel = "jvm|nd4j",
            description = "Training kernels: jvm (primitive arrays, Hogwild threads, as word2vec.c) or nd4j "
                    + "(minibatches as ND4J matrix products; the form a GPU executor runs) (default: ${DEFAULT-VALUE}).")
    Word2VecConfig.Backend backend;

    @Option(names = "--seed", defaultValue = "1",
            description = "Random seed; with one thread per worker, runs are reproducible (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The training configuration; {@code --threads 0} counts as 1 until the Spark session can tell. */
    Word2VecConfig.Builder builder() {
        Word2VecConfig.Builder builder = Word2VecConfig.builder()
                .model(model).loss(loss)
                .dim(dim).window(window).negative(negative).nsExponent(nsExponent).sample(sample).epochs(epochs)
                .minLrRatio(minLrRatio).minn(minn).maxn(maxn).buckets(buckets).seed(seed)
                .threads(averaging.provisionalThreads()).backend(backend);
        if (lr != null) {
            builder.learningRate(lr);
        }
        return builder;
    }

    /**
     * The rounds per epoch to run: as given, or by default {@link #ONE_WORKER_ROUNDS} for one worker and
     * {@link #SEVERAL_WORKERS_ROUNDS} for several.
     */
    int roundsPerEpoch() {
        return averaging.roundsPerEpoch(ONE_WORKER_ROUNDS, SEVERAL_WORKERS_ROUNDS);
    }

    /** The merge rule: {@code --merge} as given, or {@link #MERGES}' default. */
    MergeRule merge() {
        return averaging.merge(MERGES);
    }

    /** {@code --workers}, {@code --syncs-per-epoch} and {@code --merge} in word2vec's words (AveragingOptions#help). */
    public static final class AveragingHelp extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return AveragingOptions.help("Parallel workers (Spark tasks), each training a copy on its shards",
                    ONE_WORKER_ROUNDS, SEVERAL_WORKERS_ROUNDS, MERGES);
        }
    }
}
