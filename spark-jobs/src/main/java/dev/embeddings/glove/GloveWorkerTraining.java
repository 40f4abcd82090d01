package dev.embeddings.glove;

import dev.embeddings.averaging.Parameters;
import dev.embeddings.averaging.WorkerResult;
import dev.embeddings.averaging.WorkerTraining;
import dev.embeddings.random.Seeds;
import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * One worker's part of a GloVe averaging round: AdaGrad on part {@code round} of {@code rounds} of its
 * co-occurrence entries for this epoch (the first part of an epoch reshuffles them, seeded by the epoch).
 */
final class GloveWorkerTraining implements WorkerTraining<CooccurrenceBlock> {

    private static final long serialVersionUID = 1L;

    private final GloveConfig config;
    private final int vocabularySize;
    private final int epoch;
    private final int round;
    private final int rounds;

    GloveWorkerTraining(GloveConfig config, int vocabularySize, int epoch, int round, int rounds) {
        this.config = config;
        this.vocabularySize = vocabularySize;
        this.epoch = epoch;
        this.round = round;
        this.rounds = rounds;
    }

    @Override
    public WorkerResult train(int worker, Iterator<CooccurrenceBlock> data, Parameters local) {
        CooccurrenceBlock entries = data.hasNext() ? data.next() : CooccurrenceBlock.empty();
        GloveModel model = GloveModel.wrap(vocabularySize, config.dim(), local.matrix(0), local.matrix(1),
                local.matrix(2), local.matrix(3), local.matrix(4), local.matrix(5), local.matrix(6), local.matrix(7));
        GloveConfig seeded = config.withSeed(seed(config, epoch, worker));
        EpochStats stats = new GloveTrainer(seeded, model, entries, s -> { }).trainEpochPart(epoch, round, rounds);
        return new WorkerResult(stats.entries(), stats.meanLoss(), stats.seconds());
    }

    /**
     * Puts a worker's entries in the order training leaves them after the shuffles of epochs [0, {@code epochs})
     * (each epoch's shuffle permutes the previous epoch's order), for a run that resumes from a checkpoint.
     */
    static void replayShuffles(CooccurrenceBlock entries, GloveConfig config, int worker, int epochs) {
        for (int e = 0; e < epochs; e++) {
            GloveTrainer.shuffle(entries, new SplittableRandom(seed(config, e, worker)));
        }
    }

    /** Each worker and epoch draws its own random stream (the epoch's shuffle among it). */
    static long seed(GloveConfig config, int epoch, int worker) {
        return Seeds.derive(config.seed(), epoch, worker);
    }

    /** The model's arrays in the order {@link GloveModel#wrap} takes them, with their row widths. */
    static Parameters parameters(GloveModel model) {
        int d = model.dim();
        return new Parameters(new float[][] {model.w(), model.wTilde(), model.b(), model.bTilde(), model.gradSqW(),
                model.gradSqWTilde(), model.gradSqB(), model.gradSqBTilde()}, new int[] {d, d, 1, 1, d, d, 1, 1});
    }
}
