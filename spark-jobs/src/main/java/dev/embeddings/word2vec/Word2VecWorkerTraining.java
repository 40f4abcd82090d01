package dev.embeddings.word2vec;

import dev.embeddings.averaging.Parameters;
import dev.embeddings.averaging.RowUpdates;
import dev.embeddings.averaging.WorkerResult;
import dev.embeddings.averaging.WorkerTraining;
import dev.embeddings.corpus.ShardSlice;
import dev.embeddings.random.Seeds;
import dev.embeddings.spark.SerializableConfiguration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's part of an averaging round: Hogwild training of its copy, each thread on its own slices of the shards.
 */
final class Word2VecWorkerTraining implements WorkerTraining<Integer> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Word2VecWorkerTraining.class);
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
    /**
     * The contraction of one update ({@link RowUpdates}) per unit of learning rate, for the adaptive merge: about the
     * logistic loss's curvature along an update, shared over a row's dimensions. On the 20 M-token benchmark (2
     * workers, K = 32) 0.01 gained 0.8 analogy points over sum for CBOW (two seeds) and skip-gram, 0.002 only 0.4 for
     * skip-gram; on the small planted sample (K = 4: few, long rounds, in which every row looks converged to this
     * model, which word2vec's coupled rows are not) 0.01 costs 1.8 points of its 99 % (0.002: 0.8).
     */
    static final double CONTRACTION_PER_LEARNING_RATE = 0.01;

    private final Word2VecConfig config;
    private final Broadcast<long[]> counts;
    private final List<List<List<ShardSlice>>> slicesByWorkerAndThread;
    private final double progressStart;
    private final double progressEnd;
    private final SerializableConfiguration hadoop;
    private final boolean countUpdates;

    /**
     * @param slicesByWorkerAndThread each worker's {@link dev.embeddings.corpus.WorkPlan} slices, one list per thread
     * @param countUpdates            whether to record how often each row was updated (for the adaptive merge)
     */
    Word2VecWorkerTraining(Word2VecConfig config, Broadcast<long[]> counts,
            List<List<List<ShardSlice>>> slicesByWorkerAndThread,
            double progressStart, double progressEnd, SerializableConfiguration hadoop, boolean countUpdates) {
        this.config = config;
        this.counts = counts;
        this.slicesByWorkerAndThread = slicesByWorkerAndThread;
        this.progressStart = progressStart;
        this.progressEnd = progressEnd;
        this.hadoop = hadoop;
        this.countUpdates = countUpdates;
    }

    @Override
    public WorkerResult train(int worker, Iterator<Integer> data, Parameters local) throws Exception {
        if (config.backend() == Word2VecConfig.Backend.ND4J) {
            Nd4jTaskDevice.select(worker);
        }
        long[] wordCounts = counts.value();
        Word2VecModel model = Word2VecModel.wrap(wordCounts.length, config.dim(), config.loss(), local.matrix(0),
                local.matrix(1));
        if (countUpdates) {
            model.countUpdates();
        }
        Word2VecTrainer trainer = new Word2VecTrainer(workerConfig(worker), model, wordCounts);
        List<List<ShardSlice>> slicesByThread = slicesByWorkerAndThread.get(worker);
        long expected = Math.max(1, slicesByThread.stream().flatMap(List::stream).mapToLong(ShardSlice::tokens).sum());
        List<ShardSliceSource> sources = new ArrayList<>();
        for (List<ShardSlice> slices : slicesByThread) {
            sources.add(new ShardSliceSource(slices, wordCounts.length, path -> {
                Path shard = new Path(path);
                return shard.getFileSystem(hadoop.get()).open(shard);
            }));
        }
        long[] nextLog = {System.nanoTime() + LOG_INTERVAL_NANOS};
        try {
            TrainingProgress done = trainer.train(sources, progressStart, progressEnd, expected, p -> {
                if (System.nanoTime() >= nextLog[0]) {
                    nextLog[0] += LOG_INTERVAL_NANOS;
                    LOG.info("word2vec worker {}: {}", worker, p);
                }
            });
            if (countUpdates) {
                double lr = Word2VecTrainer.learningRate(config.learningRate(), config.minLrRatio(), progressStart);
                local.recordUpdates(new RowUpdates(model.updateCounts(), CONTRACTION_PER_LEARNING_RATE * lr));
            }
            return new WorkerResult(done.wordsProcessed(), done.meanLoss(), done.elapsedSeconds());
        } finally {
            for (ShardSliceSource s : sources) {
                s.close();
            }
        }
    }

    /** Workers draw different random streams (negatives, window shrinks), or they would repeat each other. */
    private Word2VecConfig workerConfig(int worker) {
        return config.withSeed(Seeds.derive(config.seed(), worker));
    }
}
