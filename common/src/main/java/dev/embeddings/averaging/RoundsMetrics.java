package dev.embeddings.averaging;

import dev.embeddings.checkpoint.CheckpointCost;
import dev.embeddings.checkpoint.TrainingRound;
import java.util.List;

/**
 * What a parameter-averaging training's rounds came to, whichever the job, as its manifest records it.
 *
 * @param finalLoss         the last round's loss
 * @param trainingSeconds   this run's time in the rounds
 * @param resumedAfterRound rounds a checkpoint had done before this run (0: from the start)
 * @param history           one point per round since the start
 */
public record RoundsMetrics(double finalLoss, double trainingSeconds, int resumedAfterRound,
                            Synchronisation synchronisation, CheckpointCost checkpoints, List<TrainingRound> history) {
}
