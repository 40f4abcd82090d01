package dev.embeddings.word2vec;

import dev.embeddings.random.Seeds;
import dev.embeddings.subword.SubwordRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Trains a {@link Word2VecModel} over sentence sources with {@code config.threads()} threads that update the model
 * lock-free (Hogwild, as word2vec.c). One {@link #train} call is one pass over the given sources covering the
 * progress interval [p0, p1) of the whole training: the learning rate is lr0 * max(minLrRatio, 1 - p) with p
 * interpolated from the words read, so N workers each doing 1/K of an epoch share one global schedule.
 *
 * <p>Deterministic with one thread: thread i draws from a random stream seeded by the config seed, i and p0, so
 * the same seed, data and schedule give bit-identical vectors. Spark workers sharing an interval should use
 * different seeds.
 */
public final class Word2VecTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(Word2VecTrainer.class);
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final Word2VecConfig config;
    private final Word2VecModel model;
    private final HuffmanTree tree;
    private final NegativeSampler sampler;
    private final Subsampler subsampler;
    private final Nd4jBatchShape nd4jShape;
    private Nd4jRoundStats lastNd4jRound;

    /**
     * @param counts corpus counts of the vocabulary's words (most frequent first), for the negative-sampling
     *               distribution or Huffman tree, and for subsampling
     */
    public Word2VecTrainer(Word2VecConfig config, Word2VecModel model, long[] counts) {
        this(config, model, counts, Nd4jBatchShape.defaultFor(config.model()));
    }

    /** @param nd4jShape the minibatches of the ND4J backend */
    Word2VecTrainer(Word2VecConfig config, Word2VecModel model, long[] counts, Nd4jBatchShape nd4jShape) {
        this.config = config.validate();
        this.nd4jShape = nd4jShape;
        this.model = model;
        if (model.dim() != config.dim() || model.loss() != config.loss()) {
            throw new IllegalArgumentException("model (dim " + model.dim() + ", " + model.loss()
                    + ") does not match config (dim " + config.dim() + ", " + config.loss() + ")");
        }
        SubwordRows subwords = model.subwords();
        String modelSubwords = subwords == null ? "none"
                : subwordSettings(subwords.minn(), subwords.maxn(), subwords.buckets());
        String configSubwords = config.subwords() ? subwordSettings(config.minn(), config.maxn(), config.buckets())
                : "none";
        if (!modelSubwords.equals(configSubwords)) {
            throw new IllegalArgumentException("model subwords (" + modelSubwords + ") do not match config's ("
                    + configSubwords + ")");
        }
        if (counts.length != model.vocabularySize()) {
            throw new IllegalArgumentException(counts.length + " word counts for a model of "
                    + model.vocabularySize() + " words");
        }
        boolean hierarchical = config.loss() == Word2VecConfig.Loss.HS;
        this.tree = hierarchical ? new HuffmanTree(counts) : null;
        this.sampler = hierarchical ? null : new NegativeSampler(counts, config.nsExponent());
        this.subsampler = new Subsampler(counts, config.sample());
    }

    private static String subwordSettings(int minn, int maxn, int buckets) {
        return "minn " + minn + ", maxn " + maxn + ", buckets " + buckets;
    }

    /** The learning-rate schedule: lr0 * max(minLrRatio, 1 - progress). */
    public static double learningRate(double initial, double minLrRatio, double progress) {
        return initial * Math.max(minLrRatio, 1 - progress);
    }

    /**
     * Trains over {@code sources} (one per thread) as the part [progressStart, progressEnd) of the whole training.
     *
     * @param expectedWords words (before subsampling) the sources hold; progress reaches progressEnd there
     * @param listener      called about once a second and once at the end, on this thread
     * @return the final progress of this call
     * @throws IOException the first failure of a source; the other threads stop too
     */
    public TrainingProgress train(List<? extends SentenceSource> sources, double progressStart, double progressEnd,
                                  long expectedWords, ProgressListener listener) throws IOException {
        if (sources.size() != config.threads()) {
            throw new IllegalArgumentException("need one sentence source per thread: " + config.threads()
                    + " threads, " + sources.size() + " sources");
        }
        if (!(0 <= progressStart && progressStart <= progressEnd && progressEnd <= 1)) {
            throw new IllegalArgumentException("progress interval must satisfy 0 <= start <= end <= 1, got ["
                    + progressStart + ", " + progressEnd + ")");
        }
        if (expectedWords < 1) {
            throw new IllegalArgumentException("expectedWords must be positive, got " + expectedWords);
        }
        TrainingRun run = new TrainingRun(progressStart, progressEnd, expectedWords, config.learningRate(),
                config.minLrRatio());
        Nd4jRound nd4j = config.backend() == Word2VecConfig.Backend.ND4J ? Nd4jRound.start(model) : null;
        Thread[] threads = new Thread[sources.size()];
        for (int i = 0; i < threads.length; i++) {
            SplittableRandom random = threadRandom(config.seed(), i, progressStart);
            ExampleUpdater updater = nd4j == null
                    ? new ScalarExampleUpdater(new Word2VecKernel(model, tree), sampler, config.negative(), random)
                    : nd4j.newUpdater(sampler, config.negative(),
                            config.model() == Word2VecConfig.Architecture.CBOW, config.window(), nd4jShape, random);
            Runnable worker = new TrainingWorker(config, updater, subsampler, model.vocabularySize(), sources.get(i),
                    random, run);
            threads[i] = new Thread(nd4j == null ? worker : nd4j.onDevice(worker), "word2vec-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        try {
            awaitWithReports(threads, run, listener);
        } finally {
            run.stop();
        }
        run.rethrowFailure();
        TrainingProgress last = run.snapshot();
        if (nd4j != null) {
            lastNd4jRound = nd4j.finish(last.wordsProcessed());
            LOG.info("{}", lastNd4jRound);
        }
        listener.onProgress(last);
        return last;
    }

    /**
     * Local training: {@code config.epochs()} passes, epoch e over {@code sourcesForEpoch.apply(e)} covering
     * [e/E, (e+1)/E) of the schedule.
     *
     * @param wordsPerEpoch words (before subsampling) one epoch's sources hold
     */
    public TrainingProgress trainEpochs(IntFunction<List<? extends SentenceSource>> sourcesForEpoch,
                                        long wordsPerEpoch, ProgressListener listener) throws IOException {
        int epochs = config.epochs();
        TrainingProgress last = null;
        for (int e = 0; e < epochs; e++) {
            last = train(sourcesForEpoch.apply(e), e / (double) epochs, (e + 1) / (double) epochs, wordsPerEpoch,
                    listener);
        }
        return last;
    }

    private static void awaitWithReports(Thread[] threads, TrainingRun run, ProgressListener listener)
            throws InterruptedIOException {
        long nextReport = System.nanoTime() + REPORT_INTERVAL_NANOS;
        try {
            for (Thread t : threads) {
                while (t.isAlive()) {
                    long wait = nextReport - System.nanoTime();
                    if (wait <= 0) {
                        listener.onProgress(run.snapshot());
                        nextReport += REPORT_INTERVAL_NANOS;
                    } else {
                        TimeUnit.NANOSECONDS.timedJoin(t, wait);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("word2vec training interrupted");
        }
    }

    /** A thread's random stream: from the seed, the thread index and the interval, so rounds and epochs differ. */
    static SplittableRandom threadRandom(long seed, int thread, double progressStart) {
        return new SplittableRandom(Seeds.derive(seed, thread, Double.doubleToLongBits(progressStart)));
    }

    public Word2VecConfig config() {
        return config;
    }

    public Word2VecModel model() {
        return model;
    }

    /** Operations and transfers of the last {@link #train} call on the ND4J backend; null before one. */
    Nd4jRoundStats lastNd4jRound() {
        return lastNd4jRound;
    }
}
