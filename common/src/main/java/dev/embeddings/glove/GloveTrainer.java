package dev.embeddings.glove;

import dev.embeddings.matrix.FloatMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a {@link GloveModel} on co-occurrence entries with AdaGrad, as glove.c: each epoch the entries are
 * shuffled, then {@code threads} Hogwild threads each take a contiguous slice of them and update the shared
 * model without locks. An epoch may be run in parts (for K parameter-averaging rounds per epoch): part p of K
 * trains the p-th K-th of the epoch's shuffled order, and part 0 does the shuffle.
 *
 * <p>With one thread and the same seed and calls, training is deterministic. The entries' arrays are shuffled
 * in place.
 */
public final class GloveTrainer {

    /** How many entries ahead of its step the rows of an entry are read. */
    private static final int TOUCH_AHEAD = 2;

    private final GloveConfig config;
    private final GloveModel model;
    private final CooccurrenceBlock entries;
    private final Consumer<EpochStats> progress;
    private final GloveStep step;
    private final SplittableRandom shuffleRandom;
    // Receives the values read ahead of each step (GloveStep.touch), so the JIT cannot drop the reads; never read.
    private float touched;

    public GloveTrainer(GloveConfig config, GloveModel model, CooccurrenceBlock entries,
                        Consumer<EpochStats> progress) {
        this.config = config.validate();
        if (model.dim() != config.dim()) {
            throw new IllegalArgumentException("model has dim " + model.dim() + " but config.dim is " + config.dim());
        }
        for (int k = 0; k < entries.size(); k++) {
            int row = entries.row(k);
            int col = entries.col(k);
            float x = entries.value(k);
            if (row < 0 || row >= model.vocabSize() || col < 0 || col >= model.vocabSize() || !(x > 0)) {
                throw new IllegalArgumentException("entry " + k + " (" + row + ", " + col + ", " + x + ") needs ids in "
                        + "[0, " + model.vocabSize() + ") and a positive count");
            }
        }
        this.model = model;
        this.entries = entries;
        this.progress = progress;
        this.step = new GloveStep(config);
        this.shuffleRandom = new SplittableRandom(config.seed());
    }

    /** Runs all {@code config.epochs()} epochs whole; returns their stats. */
    public List<EpochStats> train() {
        List<EpochStats> stats = new ArrayList<>(config.epochs());
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            stats.add(trainEpochPart(epoch, 0, 1));
        }
        return stats;
    }

    /** Trains part {@code part} (0-based) of {@code parts} of epoch {@code epoch}, shuffling first when part is 0. */
    public EpochStats trainEpochPart(int epoch, int part, int parts) {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("part must be in [0, parts) with parts >= 1, got part " + part
                    + " of " + parts);
        }
        long start = System.nanoTime();
        if (part == 0) {
            shuffle();
        }
        int from = slice(entries.size(), part, parts);
        int to = slice(entries.size(), part + 1, parts);
        double lossSum = trainRange(from, to);
        long count = to - from;
        EpochStats stats = new EpochStats(epoch, part, parts, count, count == 0 ? 0 : lossSum / count,
                (System.nanoTime() - start) / 1e9);
        progress.accept(stats);
        return stats;
    }

    /** The model's output vectors as the config asks for them. */
    public FloatMatrix vectors() {
        return model.vectors(config.output());
    }

    private double trainRange(int from, int to) {
        int threads = (int) Math.max(1, Math.min(config.threads(), to - from));
        if (threads == 1) {
            return trainSlice(from, to);
        }
        double[] losses = new double[threads];
        Throwable[] failures = new Throwable[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            int sliceFrom = from + slice(to - from, t, threads);
            int sliceTo = from + slice(to - from, t + 1, threads);
            workers[t] = new Thread(() -> {
                try {
                    losses[id] = trainSlice(sliceFrom, sliceTo);
                } catch (Throwable e) {
                    failures[id] = e;
                }
            }, "glove-hogwild-" + t);
            workers[t].start();
        }
        double total = 0;
        for (int t = 0; t < threads; t++) {
            joinUninterruptibly(workers[t]);
            if (failures[t] != null) {
                throw new IllegalStateException("GloVe training thread " + t + " failed", failures[t]);
            }
            total += losses[t];
        }
        return total;
    }

    private double trainSlice(int from, int to) {
        int[] rows = entries.rows();
        int[] cols = entries.cols();
        float[] values = entries.values();
        double loss = 0;
        float touchedSum = 0;
        for (int k = from; k < to; k++) {
            if (k + TOUCH_AHEAD < to) {
                touchedSum += step.touch(model, rows[k + TOUCH_AHEAD], cols[k + TOUCH_AHEAD]);
            }
            loss += step.apply(model, rows[k], cols[k], values[k]);
        }
        touched = touchedSum;
        return loss;
    }

    private void shuffle() {
        shuffle(entries, shuffleRandom);
    }

    /**
     * The shuffle an epoch starts with: Fisher-Yates over the three parallel arrays, in place. Public so that a worker
     * going on from a checkpoint can bring its entries to the order the shuffles up to that epoch left them in.
     */
    public static void shuffle(CooccurrenceBlock entries, SplittableRandom random) {
        for (int k = entries.size() - 1; k > 0; k--) {
            swap(entries, k, random.nextInt(k + 1));
        }
        entries.countShuffle(1);
    }

    /**
     * Undoes {@link #shuffle} with a random stream in the state that shuffle started from: the same swaps in the
     * reverse order (their partners are drawn first, 4 bytes per entry). For a worker whose entries a failed attempt
     * shuffled further than the checkpoint it goes on from.
     */
    public static void unshuffle(CooccurrenceBlock entries, SplittableRandom random) {
        int[] partners = new int[entries.size()];
        for (int k = entries.size() - 1; k > 0; k--) {
            partners[k] = random.nextInt(k + 1);
        }
        for (int k = 1; k < entries.size(); k++) {
            swap(entries, k, partners[k]);
        }
        entries.countShuffle(-1);
    }

    private static void swap(CooccurrenceBlock entries, int a, int b) {
        int[] rows = entries.rows();
        int[] cols = entries.cols();
        float[] values = entries.values();
        int row = rows[a];
        rows[a] = rows[b];
        rows[b] = row;
        int col = cols[a];
        cols[a] = cols[b];
        cols[b] = col;
        float value = values[a];
        values[a] = values[b];
        values[b] = value;
    }

    /**
     * Counts, into {@code rowUpdates} and {@code colUpdates} (V each), the updates part {@code part} of {@code parts}
     * of the current order gives each word row and each context row: which rows a round changed.
     */
    public void countPart(int part, int parts, int[] rowUpdates, int[] colUpdates) {
        int from = slice(entries.size(), part, parts);
        int to = slice(entries.size(), part + 1, parts);
        int[] rows = entries.rows();
        int[] cols = entries.cols();
        for (int k = from; k < to; k++) {
            rowUpdates[rows[k]]++;
            colUpdates[cols[k]]++;
        }
    }

    /** Start of the s-th of n near-equal slices of [0, size). */
    private static int slice(int size, int s, int n) {
        return (int) ((long) size * s / n);
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
