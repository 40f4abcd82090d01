package dev.embeddings.word2vec;

import dev.embeddings.config.Validation;
import dev.embeddings.subword.CharNgrams;

/**
 * Hyper-parameters of word2vec training. The defaults, word2vec.c's and fastText's but for the learning rate
 * ({@link #defaultLearningRate by model and backend}; docs/design.md says why it is not word2vec.c's for skip-gram),
 * are declared once, in {@link Builder}'s fields, and read through {@link #defaults()}.
 * Build one with {@link #builder()}; the builder resolves the model-dependent learning rate and negative-sampling
 * exponent ({@link #defaultNsExponent word2vec's, or fastText's with subwords}) and validates.
 *
 * @param learningRate initial learning rate lr0; decays linearly to {@code lr0 * minLrRatio} over training
 * @param minLrRatio   floor of the learning rate as a fraction of lr0
 * @param sample       subsampling threshold (0 disables subsampling)
 * @param negative     negatives per prediction; used only with {@link Loss#NS}
 * @param nsExponent   negatives are drawn with probability count^nsExponent (word2vec 0.75, fastText 0.5)
 * @param threads      worker threads sharing the model (Hogwild); one sentence source per thread
 * @param backend      {@link Backend#JVM} or {@link Backend#ND4J}
 * @param minn         shortest character n-gram of a word (fastText's {@code -minn})
 * @param maxn         longest character n-gram; 0 trains plain word vectors, above 0 fastText's subword vectors: a
 *                     word's vector is the mean of its own row and its n-grams' rows
 * @param buckets      rows the n-grams are hashed into (fastText's {@code -bucket}); 0 when {@code maxn} is 0, as
 *                     fastText records it
 */
public record Word2VecConfig(Architecture model, Loss loss, int dim, int window, int negative, double nsExponent,
                             double sample, int epochs, double learningRate, double minLrRatio, int threads, long seed,
                             Backend backend, int minn, int maxn, int buckets)
        implements java.io.Serializable {

    public enum Architecture { SKIPGRAM, CBOW }

    /** Output layer: negative sampling or hierarchical softmax over a Huffman tree. */
    public enum Loss { NS, HS }

    /**
     * How updates are computed: word2vec.c's per-example loops in plain Java, or minibatches of ND4J matrix
     * products with negatives shared across the batch (negative sampling only).
     */
    public enum Backend { JVM, ND4J }

    /** The jvm backend's default learning rates, chosen over the whole evaluation suite. */
    public static final double SKIPGRAM_LEARNING_RATE = 0.05;
    public static final double CBOW_LEARNING_RATE = 0.0625;
    /**
     * The nd4j backend's: word2vec.c's. Its minibatches sum thousands of examples' steps on shared rows in one
     * update, and at the jvm backend's rates skip-gram diverges there.
     */
    public static final double ND4J_SKIPGRAM_LEARNING_RATE = 0.025;
    public static final double ND4J_CBOW_LEARNING_RATE = 0.05;
    /** word2vec's negative-sampling exponent, the default for plain word vectors. */
    public static final double NS_EXPONENT = 0.75;
    /** fastText's, the default with subwords. */
    public static final double SUBWORD_NS_EXPONENT = 0.5;
    /** fastText's default shortest n-gram. */
    public static final int DEFAULT_MINN = 3;
    /** fastText's default number of n-gram buckets. */
    public static final int DEFAULT_BUCKETS = 2_000_000;

    /** The learning rate a run of {@code model} on {@code backend} starts at unless one is given. */
    public static double defaultLearningRate(Architecture model, Backend backend) {
        boolean cbow = model == Architecture.CBOW;
        if (backend == Backend.ND4J) {
            return cbow ? ND4J_CBOW_LEARNING_RATE : ND4J_SKIPGRAM_LEARNING_RATE;
        }
        return cbow ? CBOW_LEARNING_RATE : SKIPGRAM_LEARNING_RATE;
    }

    /** The negative-sampling exponent a run starts with unless one is given: fastText's with subwords. */
    public static double defaultNsExponent(boolean subwords) {
        return subwords ? SUBWORD_NS_EXPONENT : NS_EXPONENT;
    }

    /** Throws {@link IllegalArgumentException} naming the first parameter outside its allowed range. */
    public Word2VecConfig validate() {
        if (model == null) {
            throw new IllegalArgumentException("model must be skipgram or cbow, got null");
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must be ns or hs, got null");
        }
        if (backend == null || (backend == Backend.ND4J && loss != Loss.NS)) {
            throw new IllegalArgumentException("backend must be java, or nd4j with loss ns, got " + backend
                    + " with loss " + loss);
        }
        try {
            CharNgrams.checkRange(minn, maxn, buckets);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("character n-grams (minn " + minn + ", maxn " + maxn + ", buckets "
                    + buckets + "): " + e.getMessage(), e);
        }
        if (subwords() && backend != Backend.JVM) {
            throw new IllegalArgumentException("subwords (maxn " + maxn + ") are trained by the java backend only, "
                    + "got backend " + backend);
        }
        Validation.range("dim", dim, 1, 10_000);
        Validation.range("window", window, 1, 1_000);
        Validation.range("negative", negative, loss == Loss.NS ? 1 : 0, 1_000);
        Validation.range("epochs", epochs, 1, 100_000);
        Validation.range("threads", threads, 1, 1_024);
        NegativeSampler.requireExponent("nsExponent", nsExponent);
        if (!(sample >= 0 && sample < 1)) {
            throw new IllegalArgumentException("sample must be in [0, 1) (0 disables subsampling), got " + sample);
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("learningRate must be in (0, 10], got " + learningRate);
        }
        Validation.range("minLrRatio", minLrRatio, 0, 1);
        return this;
    }

    /** Whether words have character n-grams ({@code maxn > 0}): fastText's subword vectors. */
    public boolean subwords() {
        return maxn > 0;
    }

    /** The character n-grams of the words (none when {@code maxn} is 0). */
    public CharNgrams charNgrams() {
        return new CharNgrams(minn, maxn, buckets);
    }

    /** This configuration with another seed (each worker draws its own random streams). */
    public Word2VecConfig withSeed(long otherSeed) {
        return new Word2VecConfig(model, loss, dim, window, negative, nsExponent, sample, epochs, learningRate,
                minLrRatio, threads, otherSeed, backend, minn, maxn, buckets);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every parameter at its default (the learning rate skip-gram's on the jvm backend): the one place the command
     * line and the Spark ML estimator read them from.
     */
    public static Word2VecConfig defaults() {
        return builder().build();
    }

    /** Mutable builder holding the defaults, each declared once here; {@link #build()} validates. */
    public static final class Builder {
        private Architecture model = Architecture.SKIPGRAM;
        private Loss loss = Loss.NS;
        private int dim = 100;
        private int window = 5;
        private int negative = 5;
        /** Null: {@link #defaultNsExponent by subwords}. */
        private Double nsExponent;
        private double sample = 1e-4;
        private int epochs = 5;
        private double learningRate = Double.NaN;
        private double minLrRatio = 1e-4;
        private int threads = 1;
        private long seed = 1;
        private Backend backend = Backend.JVM;
        private int minn = DEFAULT_MINN;
        private int maxn = 0;
        private int buckets = DEFAULT_BUCKETS;

        private Builder() {
        }

        public Builder model(Architecture model) {
            this.model = model;
            return this;
        }

        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        public Builder dim(int dim) {
            this.dim = dim;
            return this;
        }

        public Builder window(int window) {
            this.window = window;
            return this;
        }

        public Builder negative(int negative) {
            this.negative = negative;
            return this;
        }

        /** Overrides the {@link #defaultNsExponent subword-dependent default}. */
        public Builder nsExponent(double nsExponent) {
            this.nsExponent = nsExponent;
            return this;
        }

        public Builder sample(double sample) {
            this.sample = sample;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Overrides the {@link #defaultLearningRate model- and backend-dependent default}. */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder minLrRatio(double minLrRatio) {
            this.minLrRatio = minLrRatio;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder backend(Backend backend) {
            this.backend = backend;
            return this;
        }

        public Builder minn(int minn) {
            this.minn = minn;
            return this;
        }

        public Builder maxn(int maxn) {
            this.maxn = maxn;
            return this;
        }

        public Builder buckets(int buckets) {
            this.buckets = buckets;
            return this;
        }

        /**
         * Resolves the learning rate and the negative-sampling exponent, records 0 buckets without n-grams (fastText
         * does too) and validates.
         */
        public Word2VecConfig build() {
            double lr = !Double.isNaN(learningRate) ? learningRate : defaultLearningRate(model, backend);
            double exponent = nsExponent != null ? nsExponent : defaultNsExponent(maxn > 0);
            return new Word2VecConfig(model, loss, dim, window, negative, exponent, sample, epochs, lr, minLrRatio,
                    threads, seed, backend, minn, maxn, maxn == 0 ? 0 : buckets).validate();
        }
    }
}
