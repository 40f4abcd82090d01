package dev.embeddings.averaging;

import dev.embeddings.matrix.Parameters;
import java.io.Serializable;
import java.util.Iterator;

/**
 * What a training job's worker does inside {@link ReplicaTraining}'s long-running task: build its replica once, then
 * train it round after round. Shipped to the executors in the task closure, so it carries settings and small
 * data only (never parameters).
 *
 * @param <D> the records of the worker's partition of the training's data set
 */
@FunctionalInterface
public interface ReplicaWorker<D> extends Serializable {

    /** Starts worker {@code worker} on its partition's records (read once: the task lives for the whole training). */
    Task start(int worker, Iterator<D> data) throws Exception;

    /**
     * Starts worker {@code worker} on its partition's records training {@code first}'s replica together with it
     * ({@link ReplicaScope#EXECUTOR}), Hogwild: the task trains the same matrices on its own data and random streams.
     * Its {@link Task#replica} may be {@code first}'s or another {@link Parameters} over the same matrices (whose
     * update counts are then added to {@code first}'s after each round).
     */
    default Task join(int worker, Iterator<D> data, Task first) throws Exception {
        throw new UnsupportedOperationException("this training keeps one replica per worker");
    }

    /** One worker's state for the whole training: its replica and what trains it. */
    interface Task {

        /** The replica as the training starts (initialised from the seed, warm start applied). */
        Parameters replica();

        /**
         * Called once before the first round, with the rounds already done (0, or those of the checkpoint the
         * training goes on from); the replica holds their parameters.
         */
        default void beginAt(int roundsDone) {
        }

        /**
         * Per matrix of the replica, the rows [0, hotRows[m]) to synchronise in every round; the others go in full
         * rounds only ({@link ReplicaTraining.Plan#rareSyncEvery}). Null: every row in every round.
         */
        default int[] hotRows() {
            return null;
        }

        /**
         * Trains the replica in place for one round ({@code done} rounds precede it over all epochs) and, when
         * {@code countUpdates}, records which rows it updated ({@link Parameters#recordUpdates}), counts that
         * keep accumulating for the rows a round does not send.
         */
        WorkerResult trainRound(int done, int epoch, int round, boolean countUpdates) throws Exception;
    }
}
