package dev.embeddings.ml;

import dev.embeddings.checkpoint.CheckpointPolicy;
import dev.embeddings.config.ParameterDocs;
import dev.embeddings.word2vec.Word2VecConfig;
import dev.embeddings.word2vec.Word2VecJob;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.SparkSession;

/**
 * word2vec (skip-gram or CBOW, negative sampling or hierarchical softmax) as a Spark ML estimator: {@link #fit}
 * trains with this project's {@link Word2VecJob}, the {@code word2vec} command's job. Its parameters are the
 * command's, with {@link Word2VecConfig}'s defaults and checks.
 */
public final class Word2VecEstimator extends TokenVectorsEstimator<Word2VecEstimator> {

    private static final long serialVersionUID = 1L;
    private static final Word2VecConfig DEFAULTS = Word2VecConfig.defaults();

    private final Param<String> model;
    private final Param<String> loss;
    private final IntParam dim;
    private final IntParam window;
    private final IntParam negative;
    private final DoubleParam nsExponent;
    private final DoubleParam sample;
    private final IntParam epochs;
    private final DoubleParam learningRate;
    private final DoubleParam minLrRatio;
    private final LongParam seed;

    public Word2VecEstimator() {
        this(Identifiable.randomUID("word2vec"));
    }

    public Word2VecEstimator(String uid) {
        super(uid);
        model = new Param<>(this, "model", ParameterDocs.Word2Vec.MODEL, StageParams.oneOf("model",
                names(Word2VecConfig.Architecture.values())));
        loss = new Param<>(this, "loss", ParameterDocs.Word2Vec.LOSS,
                StageParams.oneOf("loss", names(Word2VecConfig.Loss.values())));
        dim = new IntParam(this, "dim", ParameterDocs.DIM,
                StageParams.<Integer>checkedBy(v -> Word2VecConfig.builder().dim(v).build()));
        window = new IntParam(this, "window", ParameterDocs.Word2Vec.WINDOW,
                StageParams.<Integer>checkedBy(v -> Word2VecConfig.builder().window(v).build()));
        negative = new IntParam(this, "negative", ParameterDocs.Word2Vec.NEGATIVE,
                StageParams.<Integer>checkedBy(v -> Word2VecConfig.builder().loss(Word2VecConfig.Loss.HS)
                        .negative(v).build()));
        nsExponent = new DoubleParam(this, "nsExponent", ParameterDocs.Word2Vec.NS_EXPONENT, StageParams.<Double>checkedBy(
                        v -> Word2VecConfig.builder().nsExponent(v).build()));
        sample = new DoubleParam(this, "sample", ParameterDocs.Word2Vec.SAMPLE,
                StageParams.<Double>checkedBy(v -> Word2VecConfig.builder().sample(v).build()));
        epochs = new IntParam(this, "epochs", ParameterDocs.Word2Vec.EPOCHS,
                StageParams.<Integer>checkedBy(v -> Word2VecConfig.builder().epochs(v).build()));
        learningRate = new DoubleParam(this, "learningRate", ParameterDocs.Word2Vec.LEARNING_RATE
                + " (default: " + Word2VecConfig.SKIPGRAM_LEARNING_RATE + " for skip-gram, "
                + Word2VecConfig.CBOW_LEARNING_RATE + " for CBOW)", StageParams.<Double>checkedBy(v -> Word2VecConfig.builder().learningRate(v).build()));
        minLrRatio = new DoubleParam(this, "minLrRatio", ParameterDocs.Word2Vec.MIN_LR_RATIO,
                StageParams.<Double>checkedBy(v -> Word2VecConfig.builder().minLrRatio(v).build()));
        seed = new LongParam(this, "seed", ParameterDocs.Word2Vec.SEED);
        setDefault(model, DEFAULTS.model().name().toLowerCase(Locale.ROOT));
        setDefault(loss, DEFAULTS.loss().name().toLowerCase(Locale.ROOT));
        setDefault(dim, DEFAULTS.dim());
        setDefault(window, DEFAULTS.window());
        setDefault(negative, DEFAULTS.negative());
        setDefault(nsExponent, DEFAULTS.nsExponent());
        setDefault(sample, DEFAULTS.sample());
        setDefault(epochs, DEFAULTS.epochs());
        setDefault(minLrRatio, DEFAULTS.minLrRatio());
        setDefault(seed, DEFAULTS.seed());
    }

    private static java.util.List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** The training configuration these parameters give; its checks, the command's, apply. */
    Word2VecConfig config(int threads) {
        Word2VecConfig.Builder builder = Word2VecConfig.builder()
                .model(Word2VecConfig.Architecture.valueOf(getModel().toUpperCase(Locale.ROOT)))
                .loss(Word2VecConfig.Loss.valueOf(getLoss().toUpperCase(Locale.ROOT)))
                .dim(getDim()).window(getWindow()).negative(getNegative()).nsExponent(getNsExponent())
                .sample(getSample()).epochs(getEpochs()).minLrRatio(getMinLrRatio()).seed(getSeed()).threads(threads);
        if (isDefined(learningRate)) {
            builder.learningRate(getLearningRate());
        }
        return builder.build();
    }

    @Override
    protected void validateTraining(int threads) {
        config(threads);
    }

    @Override
    protected int defaultRounds(int workers) {
        return Word2VecJobConfig.defaultRounds(workers);
    }

    @Override
    protected Trained train(SparkSession spark, String corpus, String output, int threads, int rounds)
            throws IOException {
        Word2VecJobConfig job = new Word2VecJobConfig(corpus, output, config(threads), getWorkers(), rounds, null,
                false, false);
        Word2VecJob.Result result = new Word2VecJob(spark, job, CheckpointPolicy.of(false,
                CheckpointPolicy.DEFAULT_INTERVAL)).run();
        return new Trained(result.vocabulary().words(), result.model().vectors());
    }

    @Override
    public Word2VecEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<Word2VecEstimator> read() {
        return new DefaultParamsReader<>();
    }

    public static Word2VecEstimator load(String path) {
        return read().load(path);
    }

    public Param<String> model() {
        return model;
    }

    public Param<String> loss() {
        return loss;
    }

    public IntParam dim() {
        return dim;
    }

    public IntParam window() {
        return window;
    }

    public IntParam negative() {
        return negative;
    }

    public DoubleParam nsExponent() {
        return nsExponent;
    }

    public DoubleParam minLrRatio() {
        return minLrRatio;
    }

    public DoubleParam sample() {
        return sample;
    }

    public IntParam epochs() {
        return epochs;
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public LongParam seed() {
        return seed;
    }

    public String getModel() {
        return getOrDefault(model);
    }

    public String getLoss() {
        return getOrDefault(loss);
    }

    public int getDim() {
        return (Integer) getOrDefault(dim);
    }

    public int getWindow() {
        return (Integer) getOrDefault(window);
    }

    public int getNegative() {
        return (Integer) getOrDefault(negative);
    }

    public double getNsExponent() {
        return (Double) getOrDefault(nsExponent);
    }

    public double getMinLrRatio() {
        return (Double) getOrDefault(minLrRatio);
    }

    public double getSample() {
        return (Double) getOrDefault(sample);
    }

    public int getEpochs() {
        return (Integer) getOrDefault(epochs);
    }

    public double getLearningRate() {
        return (Double) getOrDefault(learningRate);
    }

    public long getSeed() {
        return (Long) getOrDefault(seed);
    }

    public Word2VecEstimator setModel(String value) {
        set(model, value);
        return this;
    }

    public Word2VecEstimator setLoss(String value) {
        set(loss, value);
        return this;
    }

    public Word2VecEstimator setDim(int value) {
        set(dim, value);
        return this;
    }

    public Word2VecEstimator setWindow(int value) {
        set(window, value);
        return this;
    }

    public Word2VecEstimator setNegative(int value) {
        set(negative, value);
        return this;
    }

    public Word2VecEstimator setNsExponent(double value) {
        set(nsExponent, value);
        return this;
    }

    public Word2VecEstimator setMinLrRatio(double value) {
        set(minLrRatio, value);
        return this;
    }

    public Word2VecEstimator setSample(double value) {
        set(sample, value);
        return this;
    }

    public Word2VecEstimator setEpochs(int value) {
        set(epochs, value);
        return this;
    }

    public Word2VecEstimator setLearningRate(double value) {
        set(learningRate, value);
        return this;
    }

    public Word2VecEstimator setSeed(long value) {
        set(seed, value);
        return this;
    }
}
