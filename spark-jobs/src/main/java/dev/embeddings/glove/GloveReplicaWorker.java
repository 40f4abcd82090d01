package dev.embeddings.glove;

import dev.embeddings.averaging.ReplicaWorker;
import dev.embeddings.averaging.WorkerResult;
import dev.embeddings.corpus.CorpusDirectory;
import dev.embeddings.matrix.Parameters;
import dev.embeddings.matrix.RowUpdates;
import dev.embeddings.publish.EarlierVectors;
import dev.embeddings.random.Seeds;
import dev.embeddings.spark.SerializableConfiguration;
import java.io.IOException;
import java.util.Iterator;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GloVe worker: its replica initialised from the seed (and the warm start, read on the executor), trained each
 * round with AdaGrad on part {@code round} of {@code rounds} of its co-occurrence entries for the epoch (the first
 * part of an epoch reshuffles them, seeded by the epoch and the worker).
 */
final class GloveReplicaWorker implements ReplicaWorker<CooccurrenceBlock> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GloveReplicaWorker.class);

    private final GloveConfig config;
    private final int vocabularySize;
    private final int rounds;
    private final SerializableConfiguration hadoop;
    private final String corpus;
    private final String init;

    /**
     * @param rounds averaging rounds per epoch
     * @param corpus the corpus directory, whose vocabulary a warm start maps words by
     * @param init   vectors to warm-start from, or null
     */
    GloveReplicaWorker(GloveConfig config, int vocabularySize, int rounds, SerializableConfiguration hadoop,
            String corpus, String init) {
        this.config = config;
        this.vocabularySize = vocabularySize;
        this.rounds = rounds;
        this.hadoop = hadoop;
        this.corpus = corpus;
        this.init = init;
    }

    @Override
    public Task start(int worker, Iterator<CooccurrenceBlock> data) throws IOException {
        CooccurrenceBlock entries = entries(data);
        GloveModel model = GloveModel.initialize(vocabularySize, config.dim(), config.seed());
        if (init != null) {
            int copied = EarlierVectors.forEachShared(init, hadoop.get(),
                    CorpusDirectory.open(corpus, hadoop.get()).vocabulary(), config.dim(),
                    (id, vector) -> model.warmStart(id, vector, 0, config.output()));
            if (worker == 0) {
                LOG.info("glove: warm start from {}: {} of {} words keep their vectors", init, copied, vocabularySize);
            }
        }
        return new WorkerTask(worker, model, entries);
    }

    /**
     * Trains {@code first}'s model, which every worker of an executor shares, on this worker's entries; its update
     * counts are its own ({@link ReplicaWorker#join}).
     */
    @Override
    public Task join(int worker, Iterator<CooccurrenceBlock> data, Task first) {
        return new WorkerTask(worker, ((WorkerTask) first).model, entries(data));
    }

    /** A worker's partition: one block of entries, or none. */
    private static CooccurrenceBlock entries(Iterator<CooccurrenceBlock> data) {
        return data.hasNext() ? data.next() : CooccurrenceBlock.empty();
    }

    /** A worker training {@code model} (its own, or its executor's shared one) on its entries. */
    private final class WorkerTask implements Task {
        private final int worker;
        private final GloveModel model;
        private final CooccurrenceBlock entries;
        private final Parameters replica;

        WorkerTask(int worker, GloveModel model, CooccurrenceBlock entries) {
            this.worker = worker;
            this.model = model;
            this.entries = entries;
            this.replica = parameters(model);
        }

        @Override
        public Parameters replica() {
            return replica;
        }

        @Override
        public void beginAt(int roundsDone) {
            orderAfter(entries, config, worker, (roundsDone + rounds - 1) / rounds);
        }

        @Override
        public WorkerResult trainRound(int done, int epoch, int round, boolean countUpdates) {
            GloveConfig seeded = config.withSeed(seed(config, epoch, worker));
            GloveTrainer trainer = new GloveTrainer(seeded, model, entries, s -> { });
            EpochStats stats = trainer.trainEpochPart(epoch, round, rounds);
            if (countUpdates) {
                int[] rows = new int[vocabularySize];
                int[] contexts = new int[vocabularySize];
                trainer.countPart(round, rounds, rows, contexts);
                replica.recordUpdates(new RowUpdates(new int[][] {rows, contexts, rows, contexts, rows, contexts,
                        rows, contexts}, Double.NaN));
            }
            return new WorkerResult(stats.entries(), stats.meanLoss());
        }
    }

    /**
     * Puts a worker's entries in the order training leaves them after the shuffles of epochs [0, {@code epochs}):
     * replays the shuffles they have not had, or undoes those a failed attempt made beyond (the entries are cached
     * and shuffled in place, so a restarted task may find them further on).
     */
    static void orderAfter(CooccurrenceBlock entries, GloveConfig config, int worker, int epochs) {
        while (entries.epochsShuffled() > epochs) {
            GloveTrainer.unshuffle(entries, new SplittableRandom(seed(config, entries.epochsShuffled() - 1, worker)));
        }
        while (entries.epochsShuffled() < epochs) {
            GloveTrainer.shuffle(entries, new SplittableRandom(seed(config, entries.epochsShuffled(), worker)));
        }
    }

    /** Each worker and epoch draws its own random stream (the epoch's shuffle among it). */
    static long seed(GloveConfig config, int epoch, int worker) {
        return Seeds.derive(config.seed(), epoch, worker);
    }

    /** The model's parameters and accumulators (live), as the exchange and checkpoints keep them. */
    static Parameters parameters(GloveModel model) {
        return new Parameters(model.matrices());
    }
}
