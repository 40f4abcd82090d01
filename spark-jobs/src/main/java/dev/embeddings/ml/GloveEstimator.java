package dev.embeddings.ml;

import dev.embeddings.checkpoint.CheckpointPolicy;
import dev.embeddings.config.ParameterDocs;
import dev.embeddings.glove.GloveConfig;
import dev.embeddings.glove.GloveJob;
import dev.embeddings.glove.GloveJobConfig;
import dev.embeddings.glove.OutputVectors;
import java.io.IOException;
import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.SparkSession;

/**
 * GloVe as a Spark ML estimator: {@link #fit} counts co-occurrences and trains with this project's
 * {@link GloveJob}, the {@code glove} command's job. Its parameters are the command's, with {@link GloveConfig}'s
 * defaults and checks.
 */
public final class GloveEstimator extends TokenVectorsEstimator<GloveEstimator> {

    private static final long serialVersionUID = 1L;
    private static final GloveConfig DEFAULTS = GloveConfig.defaults();

    private final IntParam dim;
    private final IntParam window;
    private final BooleanParam symmetric;
    private final DoubleParam xMax;
    private final DoubleParam alpha;
    private final IntParam epochs;
    private final DoubleParam learningRate;
    private final BooleanParam wordVectorsOnly;
    private final LongParam seed;

    public GloveEstimator() {
        this(Identifiable.randomUID("glove"));
    }

    public GloveEstimator(String uid) {
        super(uid);
        dim = new IntParam(this, "dim", ParameterDocs.DIM, checked("dim"));
        window = new IntParam(this, "window", ParameterDocs.Glove.WINDOW, checked("window"));
        symmetric = new BooleanParam(this, "symmetric", ParameterDocs.Glove.SYMMETRIC);
        xMax = new DoubleParam(this, "xMax", ParameterDocs.Glove.X_MAX, checked("xMax"));
        alpha = new DoubleParam(this, "alpha", ParameterDocs.Glove.ALPHA, checked("alpha"));
        epochs = new IntParam(this, "epochs", ParameterDocs.Glove.EPOCHS, checked("epochs"));
        learningRate = new DoubleParam(this, "learningRate", ParameterDocs.Glove.LEARNING_RATE, checked("learningRate"));
        wordVectorsOnly = new BooleanParam(this, "wordVectorsOnly", ParameterDocs.Glove.WORD_VECTORS_ONLY);
        seed = new LongParam(this, "seed", ParameterDocs.SEED);
        setDefault(dim, DEFAULTS.dim());
        setDefault(window, DEFAULTS.window());
        setDefault(symmetric, DEFAULTS.symmetric());
        setDefault(xMax, DEFAULTS.xMax());
        setDefault(alpha, DEFAULTS.alpha());
        setDefault(epochs, DEFAULTS.epochs());
        setDefault(learningRate, DEFAULTS.learningRate());
        setDefault(wordVectorsOnly, DEFAULTS.output() == OutputVectors.WORD);
        setDefault(seed, DEFAULTS.seed());
    }

    /** A validator: {@link GloveConfig#validate} of the defaults with {@code name} set to the value. */
    private static scala.Function1<Object, Object> checked(String name) {
        return StageParams.<Number>checkedBy(v -> config(DEFAULTS, Map.<String, Object>of(name, v), 1));
    }

    /** {@code base} with the settings of {@code changes} (by parameter name) and {@code threads}, validated. */
    private static GloveConfig config(GloveConfig base, Map<String, Object> changes, int threads) {
        return new GloveConfig((Integer) changes.getOrDefault("dim", base.dim()),
                (Integer) changes.getOrDefault("window", base.window()),
                (Boolean) changes.getOrDefault("symmetric", base.symmetric()),
                (Double) changes.getOrDefault("xMax", base.xMax()),
                (Double) changes.getOrDefault("alpha", base.alpha()),
                (Integer) changes.getOrDefault("epochs", base.epochs()),
                (Double) changes.getOrDefault("learningRate", base.learningRate()), base.gradClip(), threads,
                (Long) changes.getOrDefault("seed", base.seed()),
                (Boolean) changes.getOrDefault("wordVectorsOnly", base.output() == OutputVectors.WORD)
                        ? OutputVectors.WORD : OutputVectors.WORD_PLUS_CONTEXT,
                base.cooccurrenceBufferMb()).validate();
    }

    /** The training configuration these parameters give; its checks, the command's, apply. */
    GloveConfig config(int threads) {
        return config(DEFAULTS, Map.of("dim", getDim(), "window", getWindow(), "symmetric", getSymmetric(), "xMax",
                getXMax(), "alpha", getAlpha(), "epochs", getEpochs(), "learningRate", getLearningRate(),
                "wordVectorsOnly", getWordVectorsOnly(), "seed", getSeed()), threads);
    }

    @Override
    protected void validateTraining(int threads) {
        config(threads);
    }

    @Override
    protected int defaultRounds(int workers) {
        return GloveJobConfig.defaultRounds(workers);
    }

    @Override
    protected Trained train(SparkSession spark, String corpus, String output, int threads, int rounds)
            throws IOException {
        GloveJobConfig job = new GloveJobConfig(corpus, output, config(threads), getWorkers(), rounds, null, false,
                false);
        GloveJob.Result result = new GloveJob(spark, job, CheckpointPolicy.of(false,
                CheckpointPolicy.DEFAULT_INTERVAL)).run();
        return new Trained(result.vocabulary().words(), result.vectors());
    }

    @Override
    public GloveEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<GloveEstimator> read() {
        return new DefaultParamsReader<>();
    }

    public static GloveEstimator load(String path) {
        return read().load(path);
    }

    public IntParam dim() {
        return dim;
    }

    public IntParam window() {
        return window;
    }

    public BooleanParam symmetric() {
        return symmetric;
    }

    public DoubleParam xMax() {
        return xMax;
    }

    public DoubleParam alpha() {
        return alpha;
    }

    public IntParam epochs() {
        return epochs;
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public BooleanParam wordVectorsOnly() {
        return wordVectorsOnly;
    }

    public LongParam seed() {
        return seed;
    }

    public int getDim() {
        return (Integer) getOrDefault(dim);
    }

    public int getWindow() {
        return (Integer) getOrDefault(window);
    }

    public boolean getSymmetric() {
        return (Boolean) getOrDefault(symmetric);
    }

    public double getXMax() {
        return (Double) getOrDefault(xMax);
    }

    public double getAlpha() {
        return (Double) getOrDefault(alpha);
    }

    public int getEpochs() {
        return (Integer) getOrDefault(epochs);
    }

    public double getLearningRate() {
        return (Double) getOrDefault(learningRate);
    }

    public boolean getWordVectorsOnly() {
        return (Boolean) getOrDefault(wordVectorsOnly);
    }

    public long getSeed() {
        return (Long) getOrDefault(seed);
    }

    public GloveEstimator setDim(int value) {
        set(dim, value);
        return this;
    }

    public GloveEstimator setWindow(int value) {
        set(window, value);
        return this;
    }

    public GloveEstimator setSymmetric(boolean value) {
        set(symmetric, value);
        return this;
    }

    public GloveEstimator setXMax(double value) {
        set(xMax, value);
        return this;
    }

    public GloveEstimator setAlpha(double value) {
        set(alpha, value);
        return this;
    }

    public GloveEstimator setEpochs(int value) {
        set(epochs, value);
        return this;
    }

    public GloveEstimator setLearningRate(double value) {
        set(learningRate, value);
        return this;
    }

    public GloveEstimator setWordVectorsOnly(boolean value) {
        set(wordVectorsOnly, value);
        return this;
    }

    public GloveEstimator setSeed(long value) {
        set(seed, value);
        return this;
    }
}
