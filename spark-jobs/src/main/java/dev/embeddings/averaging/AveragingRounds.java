package dev.embeddings.averaging;

import dev.embeddings.checkpoint.CheckpointPolicy;
import dev.embeddings.checkpoint.Fingerprint;
import dev.embeddings.checkpoint.Progress;
import dev.embeddings.checkpoint.TrainingCheckpoints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's loop over the parameter-averaging rounds of a training job, shared by word2vec and GloVe: it goes on
 * from the round a checkpoint left off, names each round's Spark job for the UI, logs its throughput, loss and ETA,
 * adds it to the loss history the report plots, and checkpoints after it.
 */
public final class AveragingRounds {

    private static final Logger LOG = LoggerFactory.getLogger(AveragingRounds.class);

    /** Trains one averaging round; {@code done} rounds (over all epochs) precede it. */
    @FunctionalInterface
    public interface RoundTraining {
        ParameterAveraging.Round train(int done, int epoch, int round) throws IOException;
    }

    /**
     * What the rounds came to.
     *
     * @param items        items trained over the whole training, resumed rounds included
     * @param itemsThisRun items trained by this process (the basis of its throughput)
     * @param loss         the last round's loss (NaN if no round ran)
     * @param history      one point per round since the start: epoch, round, items so far, loss, items/s
     * @param seconds      this process's time in the rounds
     */
    public record Outcome(long items, long itemsThisRun, double loss, List<Map<String, Object>> history,
            double seconds) {

        public double itemsPerSecond() {
            return itemsThisRun / seconds;
        }
    }

    private final JavaSparkContext jsc;
    private final String job;
    private final String unit;
    private final int epochs;
    private final int roundsPerEpoch;

    /**
     * @param job  the job's name in log lines and Spark job descriptions ("word2vec", "glove")
     * @param unit what a round trains, plural ("words", "entries"): the history's keys are {@code unit} and
     *             {@code unit + "PerSecond"}
     */
    public AveragingRounds(JavaSparkContext jsc, String job, String unit, int epochs, int roundsPerEpoch) {
        this.jsc = jsc;
        this.job = job;
        this.unit = unit;
        this.epochs = epochs;
        this.roundsPerEpoch = roundsPerEpoch;
    }

    /** The checkpoints of this training beside {@code output}, naming rounds in the log as this loop does. */
    public TrainingCheckpoints checkpointsBeside(String output, Configuration conf, CheckpointPolicy policy,
            Fingerprint fingerprint) throws IOException {
        return TrainingCheckpoints.beside(output, conf, policy, fingerprint, job, unit, roundsPerEpoch);
    }

    /** Rounds in the whole training: epochs x rounds per epoch. */
    public int totalRounds() {
        return epochs * roundsPerEpoch;
    }

    /** Runs the rounds after {@code resumed}, checkpointing {@code parameters} after each. */
    public Outcome run(Progress resumed, Parameters parameters, TrainingCheckpoints checkpoints,
            RoundTraining training) throws IOException {
        List<Map<String, Object>> history = new ArrayList<>(resumed.history());
        long items = resumed.items();
        double loss = resumed.last("loss");
        int totalRounds = totalRounds();
        long start = System.nanoTime();
        for (int done = resumed.roundsDone(); done < totalRounds; done++) {
            int epoch = done / roundsPerEpoch;
            int round = done % roundsPerEpoch;
            jsc.setJobDescription(String.format("%s: epoch %d/%d, averaging round %d/%d", job, epoch + 1, epochs,
                    round + 1, roundsPerEpoch));
            long roundStart = System.nanoTime();
            ParameterAveraging.Round result = training.train(done, epoch, round);
            double roundSeconds = (System.nanoTime() - roundStart) / 1e9;
            double elapsed = (System.nanoTime() - start) / 1e9;
            items += result.items();
            loss = result.loss();
            double eta = elapsed / (done + 1 - resumed.roundsDone()) * (totalRounds - done - 1);
            LOG.info(String.format("%s: epoch %d/%d round %d/%d: %,d %s in %.1f s (%,.0f %s/s), loss %.5f, ETA %.0f s",
                    job, epoch + 1, epochs, round + 1, roundsPerEpoch, result.items(), unit, roundSeconds,
                    result.items() / roundSeconds, unit, loss, eta));
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("epoch", epoch + 1);
            point.put("round", round + 1);
            point.put(unit, items);
            point.put("loss", loss);
            point.put(unit + "PerSecond", result.items() / roundSeconds);
            history.add(point);
            checkpoints.roundDone(new Progress(done + 1, items, history), parameters, totalRounds);
        }
        return new Outcome(items, items - resumed.items(), loss, history, (System.nanoTime() - start) / 1e9);
    }
}
