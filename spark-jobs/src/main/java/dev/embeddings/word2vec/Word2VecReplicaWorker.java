package dev.embeddings.word2vec;

import dev.embeddings.averaging.MergeRule;
import dev.embeddings.averaging.ReplicaWorker;
import dev.embeddings.averaging.WorkerResult;
import dev.embeddings.corpus.CorpusDirectory;
import dev.embeddings.corpus.ShardSlice;
import dev.embeddings.matrix.Parameters;
import dev.embeddings.matrix.RowUpdates;
import dev.embeddings.publish.EarlierVectors;
import dev.embeddings.random.Seeds;
import dev.embeddings.spark.SerializableConfiguration;
import dev.embeddings.subword.SubwordRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A word2vec worker: its replica initialised from the seed (and the warm start, read on the executor, which sets
 * word rows only), trained each round by Hogwild threads, each on its own slices of the worker's shards.
 */
final class Word2VecReplicaWorker implements ReplicaWorker<Integer> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Word2VecReplicaWorker.class);
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
    /**
     * The contraction of one update ({@link RowUpdates}) per unit of learning rate, for the adaptive merge: about the
     * logistic loss's curvature along an update, shared over a row's dimensions. Larger values move frequent rows
     * toward the workers' mean sooner; the design notes give the measurement behind this value. With subwords a step
     * spreads over the k rows a word lists, each taking the whole gradient of their mean, so one update covers about
     * 1/k of a row's way: the contraction is divided by the rows a step updates on average.
     */
    static final double CONTRACTION_PER_LEARNING_RATE = 0.01;

    private final Word2VecConfig config;
    private final Broadcast<long[]> counts;
    private final Broadcast<SubwordRows> subwords;
    private final List<List<List<List<ShardSlice>>>> slicesByRoundWorkerThread;
    private final int totalRounds;
    private final MergeRule merge;
    private final SerializableConfiguration hadoop;
    private final String corpus;
    private final String init;
    private final int hotWords;
    private final double rowsPerToken;

    /**
     * @param subwords                  each word's rows with subwords, null without
     * @param slicesByRoundWorkerThread for each round of an epoch, each worker's {@link dev.embeddings.corpus.WorkPlan}
     *                                  slices, one list per thread
     * @param corpus                    the corpus directory, whose vocabulary a warm start maps words by
     * @param init                      vectors to warm-start from, or null
     * @param hotWords                  the words (the first ids) whose rows are merged every round; the vocabulary
     *                                  size to merge every row every round
     * @param rowsPerToken              the input rows a token's step updates on average: 1 without subwords,
     *                                  {@link SubwordRows#rowsPerToken} with
     */
    Word2VecReplicaWorker(Word2VecConfig config, Broadcast<long[]> counts, Broadcast<SubwordRows> subwords,
            List<List<List<List<ShardSlice>>>> slicesByRoundWorkerThread, int totalRounds, MergeRule merge,
            SerializableConfiguration hadoop, String corpus, String init, int hotWords, double rowsPerToken) {
        this.config = config;
        this.counts = counts;
        this.subwords = subwords;
        this.slicesByRoundWorkerThread = slicesByRoundWorkerThread;
        this.totalRounds = totalRounds;
        this.merge = merge;
        this.hadoop = hadoop;
        this.corpus = corpus;
        this.init = init;
        this.hotWords = hotWords;
        this.rowsPerToken = rowsPerToken;
    }

    @Override
    public Task start(int worker, Iterator<Integer> data) throws IOException {
        if (config.backend() == Word2VecConfig.Backend.ND4J) {
            Nd4jTaskDevice.select(worker);
        }
        long[] wordCounts = counts.value();
        Word2VecModel model = subwords == null
                ? Word2VecModel.initialize(wordCounts.length, config.dim(), config.loss(), config.seed())
                : Word2VecModel.initialize(subwords.value(), config.dim(), config.loss(), config.seed());
        if (init != null) {
            int copied = EarlierVectors.forEachShared(init, hadoop.get(),
                    CorpusDirectory.open(corpus, hadoop.get()).vocabulary(), config.dim(), model::setInputRow);
            if (worker == 0) {
                LOG.info("word2vec: warm start from {}: {} of {} words keep their vectors", init, copied,
                        wordCounts.length);
            }
        }
        return new WorkerTask(worker, model, wordCounts, new Parameters(model.input(), model.output()));
    }

    /** Trains {@code first}'s model, which every worker of an executor shares, on this worker's slices. */
    @Override
    public Task join(int worker, Iterator<Integer> data, Task first) {
        WorkerTask leader = (WorkerTask) first;
        return new WorkerTask(worker, leader.model, leader.wordCounts, leader.replica);
    }

    /**
     * A worker training {@code model} (its own, or its executor's shared one) on its slices, with one trainer for all
     * the rounds: its sampling tables cost O(V) to build.
     */
    private final class WorkerTask implements Task {
        private final int worker;
        private final Word2VecModel model;
        private final long[] wordCounts;
        private final Parameters replica;
        private final Word2VecTrainer trainer;

        WorkerTask(int worker, Word2VecModel model, long[] wordCounts, Parameters replica) {
            this.worker = worker;
            this.model = model;
            this.wordCounts = wordCounts;
            this.replica = replica;
            // Workers draw different random streams (negatives, window shrinks), or they would repeat each other.
            this.trainer = new Word2VecTrainer(config.withSeed(Seeds.derive(config.seed(), worker)), model,
                    wordCounts);
        }

        @Override
        public Parameters replica() {
            return replica;
        }

        @Override
        public int[] hotRows() {
            // Output rows are words' with negative sampling, the Huffman tree's inner nodes with hs: all hot.
            return hotWords >= wordCounts.length ? null
                    : new int[] {hotWords, config.loss() == Word2VecConfig.Loss.HS ? Integer.MAX_VALUE : hotWords};
        }

        @Override
        public WorkerResult trainRound(int done, int epoch, int round, boolean countUpdates) throws Exception {
            return train(worker, model, trainer, replica, done, round, countUpdates);
        }
    }

    private WorkerResult train(int worker, Word2VecModel model, Word2VecTrainer trainer, Parameters replica, int done,
            int round, boolean countUpdates) throws Exception {
        if (countUpdates) {
            // Once (for all workers sharing the model): the exchange zeroes the counts of the rows it sends and keeps
            // the others'.
            synchronized (model) {
                if (model.updateCounts()[0] == null) {
                    model.countUpdates();
                }
            }
        }
        double progressStart = done / (double) totalRounds;
        List<List<ShardSlice>> slicesByThread = slicesByRoundWorkerThread.get(round).get(worker);
        long expected = Math.max(1, slicesByThread.stream().flatMap(List::stream).mapToLong(ShardSlice::tokens).sum());
        List<ShardSliceSource> sources = new ArrayList<>();
        for (List<ShardSlice> slices : slicesByThread) {
            sources.add(new ShardSliceSource(slices, model.vocabularySize(), path -> {
                Path shard = new Path(path);
                return shard.getFileSystem(hadoop.get()).open(shard);
            }));
        }
        long[] nextLog = {System.nanoTime() + LOG_INTERVAL_NANOS};
        try {
            TrainingProgress progress = trainer.train(sources, progressStart, (done + 1) / (double) totalRounds,
                    expected, p -> {
                        if (System.nanoTime() >= nextLog[0]) {
                            nextLog[0] += LOG_INTERVAL_NANOS;
                            LOG.info("word2vec worker {}: {}", worker, p);
                        }
                    });
            if (countUpdates) {
                double contraction = Double.NaN;
                if (merge == MergeRule.ADAPTIVE) {
                    contraction = CONTRACTION_PER_LEARNING_RATE
                            * Word2VecTrainer.learningRate(config.learningRate(), config.minLrRatio(), progressStart)
                            / rowsPerToken;
                }
                replica.recordUpdates(new RowUpdates(model.updateCounts(), contraction));
            }
            return new WorkerResult(progress.wordsProcessed(), progress.meanLoss());
        } finally {
            for (ShardSliceSource s : sources) {
                s.close();
            }
        }
    }
}
