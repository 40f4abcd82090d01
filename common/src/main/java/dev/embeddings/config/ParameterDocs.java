package dev.embeddings.config;

/**
 * The one description of each parameter that both the command line's {@code --help} (as the start of the option's
 * description, before its default) and the Spark ML estimators' {@code Param} docs show: a sentence without its
 * default, which each shows in its own way.
 */
public final class ParameterDocs {

    public static final String DIM = "Vector dimension";
    public static final String SEED = "Random seed";
    public static final String MIN_COUNT = "Words seen fewer times are left out of the vocabulary";
    public static final String MAX_VOCAB = "Keep only the N most frequent words; 0 = no limit";
    public static final String THREADS = "Threads per worker; 0 = the cores of this machine / workers in local mode, "
            + "spark.task.cpus on a cluster";

    private ParameterDocs() {
    }

    /** word2vec's parameters. */
    public static final class Word2Vec {
        public static final String MODEL = "Architecture: skipgram or cbow";
        public static final String LOSS = "ns (negative sampling) or hs (hierarchical softmax)";
        public static final String WINDOW = "Maximum context window; shrunk at random per word";
        public static final String NEGATIVE = "Negatives per prediction with loss ns";
        public static final String NS_EXPONENT = "Negatives are drawn with probability count^E: word2vec's 0.75, "
                + "fastText's 0.5; 0 = uniform, in [-1, 1]";
        public static final String SAMPLE = "Subsampling threshold for frequent words; 0 = off";
        public static final String EPOCHS = "Passes over the corpus";
        /** Followed by the defaults, which depend on the architecture and backend. */
        public static final String LEARNING_RATE = "Initial learning rate; decays linearly";
        public static final String MIN_LR_RATIO = "Final learning rate as a fraction of the initial one";
        public static final String SEED = ParameterDocs.SEED + "; with one thread per worker, runs are reproducible";

        private Word2Vec() {
        }
    }

    /** GloVe's parameters. */
    public static final class Glove {
        public static final String WINDOW = "Context window";
        public static final String SYMMETRIC = "Count left and right context";
        public static final String X_MAX = "Weighting cut-off x_max";
        public static final String ALPHA = "Weighting exponent";
        public static final String EPOCHS = "Passes over the co-occurrence entries";
        public static final String LEARNING_RATE = "AdaGrad learning rate";
        public static final String WORD_VECTORS_ONLY = "Output W instead of GloVe's default W + W~";

        private Glove() {
        }
    }
}
