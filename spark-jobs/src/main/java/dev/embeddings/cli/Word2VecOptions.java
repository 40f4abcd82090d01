package dev.embeddings.cli;

import dev.embeddings.averaging.MergeRule;
import dev.embeddings.config.ParameterDocs;
import dev.embeddings.word2vec.Word2VecConfig;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.util.ListResourceBundle;
import java.util.Map;
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

    /** {@link Word2VecJobConfig#MERGES}, its default first. */
    static final MergeRule[] MERGES = Word2VecJobConfig.MERGES.toArray(MergeRule[]::new);

    /** These options' defaults: {@link Word2VecConfig#defaults()}'s and {@link Word2VecJobConfig}'s. */
    static Map<String, Object> defaults() {
        Word2VecConfig d = Word2VecConfig.defaults();
        return Map.ofEntries(Map.entry("--model", d.model()), Map.entry("--loss", d.loss()),
                Map.entry("--dim", d.dim()), Map.entry("--window", d.window()), Map.entry("--negative", d.negative()),
                Map.entry("--sample", d.sample()),
                Map.entry("--epochs", d.epochs()), Map.entry("--min-lr-ratio", d.minLrRatio()),
                Map.entry("--maxn", d.maxn()), Map.entry("--minn", d.minn()),
                Map.entry("--buckets", Word2VecConfig.DEFAULT_BUCKETS), Map.entry("--backend", d.backend()),
                Map.entry("--seed", d.seed()),
                Map.entry("--sync-rare-every", Word2VecJobConfig.DEFAULT_RARE_SYNC_EVERY));
    }

    @Option(names = "--model", paramLabel = "skipgram|cbow",
            description = ParameterDocs.Word2Vec.MODEL + " (default: ${DEFAULT-VALUE}).")
    Word2VecConfig.Architecture model;

    @Option(names = "--loss", paramLabel = "ns|hs",
            description = ParameterDocs.Word2Vec.LOSS + " (default: ${DEFAULT-VALUE}).")
    Word2VecConfig.Loss loss;

    @Option(names = "--dim", description = ParameterDocs.DIM + " (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--window",
            description = ParameterDocs.Word2Vec.WINDOW + " (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--negative",
            description = ParameterDocs.Word2Vec.NEGATIVE + " (default: ${DEFAULT-VALUE}).")
    int negative;

    @Option(names = "--ns-exponent", paramLabel = "E",
            description = ParameterDocs.Word2Vec.NS_EXPONENT + " (default: " + Word2VecConfig.NS_EXPONENT + "; "
                    + Word2VecConfig.SUBWORD_NS_EXPONENT + " with --maxn above 0, as fastText).")
    Double nsExponent;

    @Option(names = "--sample",
            description = ParameterDocs.Word2Vec.SAMPLE + " (default: ${DEFAULT-VALUE}).")
    double sample;

    @Option(names = "--epochs", description = ParameterDocs.Word2Vec.EPOCHS + " (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", paramLabel = "RATE",
            description = ParameterDocs.Word2Vec.LEARNING_RATE + " (default: " + Word2VecConfig.SKIPGRAM_LEARNING_RATE
                    + " skip-gram, " + Word2VecConfig.CBOW_LEARNING_RATE + " CBOW; with --backend nd4j "
                    + Word2VecConfig.ND4J_SKIPGRAM_LEARNING_RATE + " and " + Word2VecConfig.ND4J_CBOW_LEARNING_RATE
                    + ").")
    Double lr;

    @Option(names = "--min-lr-ratio",
            description = ParameterDocs.Word2Vec.MIN_LR_RATIO + " (default: ${DEFAULT-VALUE}).")
    double minLrRatio;

    @Option(names = "--maxn", paramLabel = "N",
            description = "Longest character n-gram; above 0 trains fastText's subword vectors (fastText's default is "
                    + "6), whose model.bin fastText loads and which compose vectors for unseen words; 0 = plain word "
                    + "vectors (default: ${DEFAULT-VALUE}).")
    int maxn;

    @Option(names = "--minn", paramLabel = "N",
            description = "Shortest character n-gram, with --maxn above 0 (default: ${DEFAULT-VALUE}).")
    int minn;

    @Option(names = "--buckets", paramLabel = "B",
            description = "Rows the character n-grams are hashed into, with --maxn above 0; each costs dim x 4 bytes "
                    + "of every replica (default: ${DEFAULT-VALUE}).")
    int buckets;

    @Mixin
    AveragingOptions averaging;

    @Option(names = "--sync-rare-every", paramLabel = "R",
            description = "With several workers, the rows of rare words (fewer occurrences in an epoch than rounds x "
                    + "workers) are merged every R rounds and at each epoch's end, the others every round; 1 = every "
                    + "row every round (default: ${DEFAULT-VALUE}).")
    int syncRareEvery;

    @Option(names = "--backend", paramLabel = "jvm|nd4j",
            description = "Training kernels: jvm (primitive arrays, Hogwild threads, as word2vec.c) or nd4j "
                    + "(minibatches as ND4J matrix products; the form a GPU executor runs) (default: ${DEFAULT-VALUE}).")
    Word2VecConfig.Backend backend;

    @Option(names = "--seed",
            description = ParameterDocs.Word2Vec.SEED + " (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The training configuration; {@code --threads 0} counts as 1 until the Spark session can tell. */
    Word2VecConfig.Builder builder() {
        Word2VecConfig.Builder builder = Word2VecConfig.builder()
                .model(model).loss(loss)
                .dim(dim).window(window).negative(negative).sample(sample).epochs(epochs)
                .minLrRatio(minLrRatio).minn(minn).maxn(maxn).buckets(buckets).seed(seed)
                .threads(averaging.provisionalThreads()).backend(backend);
        if (nsExponent != null) {
            builder.nsExponent(nsExponent);
        }
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
