package dev.embeddings.word2vec;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * State the workers of one {@link Word2VecTrainer#train} call share: words read, loss, the learning-rate schedule
 * of the call's progress interval, and the first failure (which stops the other workers).
 */
final class TrainingRun {

    private final double progressStart;
    private final double progressEnd;
    private final long expectedWords;
    private final double initialLearningRate;
    private final double minLrRatio;
    private final long startNanos = System.nanoTime();
    private final AtomicLong words = new AtomicLong();
    private final DoubleAdder lossSum = new DoubleAdder();
    private final LongAdder predictions = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;

    TrainingRun(double progressStart, double progressEnd, long expectedWords, double initialLearningRate,
                double minLrRatio) {
        this.progressStart = progressStart;
        this.progressEnd = progressEnd;
        this.expectedWords = expectedWords;
        this.initialLearningRate = initialLearningRate;
        this.minLrRatio = minLrRatio;
    }

    /** Global progress after this call has read {@code wordsRead} words; capped at the interval's end. */
    double progress(long wordsRead) {
        return progressStart + (progressEnd - progressStart) * Math.min(1.0, wordsRead / (double) expectedWords);
    }

    /** lr0 * max(minLrRatio, 1 - p): linear decay over global progress, as word2vec.c over its word count. */
    double learningRate(long wordsRead) {
        return Word2VecTrainer.learningRate(initialLearningRate, minLrRatio, progress(wordsRead));
    }

    /** Words all workers have reported so far. */
    long wordsReported() {
        return words.get();
    }

    void report(long wordsRead, double loss, long predictionCount) {
        words.addAndGet(wordsRead);
        lossSum.add(loss);
        predictions.add(predictionCount);
    }

    void fail(Throwable t) {
        failure.compareAndSet(null, t);
        stopped = true;
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** Rethrows the first worker failure, if any, on the caller's thread. */
    void rethrowFailure() throws IOException {
        Throwable t = failure.get();
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException("word2vec worker failed", t);
        }
    }

    TrainingProgress snapshot() {
        long w = words.get();
        long n = predictions.sum();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new TrainingProgress(w, expectedWords, progress(w), learningRate(w),
                n == 0 ? Double.NaN : lossSum.sum() / n, seconds > 0 ? w / seconds : 0, seconds);
    }
}
