package dev.embeddings.checkpoint;

import dev.embeddings.config.Validation;

/**
 * Whether a training job resumes from its checkpoint and how often it writes one.
 *
 * @param resume continue from a matching checkpoint if there is one (otherwise always start fresh)
 * @param every  write a checkpoint after every this many averaging rounds (and after the last round)
 */
public record CheckpointPolicy(boolean resume, int every) {

    /** Resume when possible, checkpoint after every round. */
    public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(true, 1);

    public CheckpointPolicy {
        Validation.range("--checkpoint-every", every, 1, 1_000_000);
    }

    /** Whether to write a checkpoint once {@code roundsDone} of {@code totalRounds} rounds are complete. */
    public boolean due(int roundsDone, int totalRounds) {
        return roundsDone % every == 0 || roundsDone == totalRounds;
    }
}
