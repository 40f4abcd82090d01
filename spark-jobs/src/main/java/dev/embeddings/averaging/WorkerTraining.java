package dev.embeddings.averaging;

import java.io.Serializable;

/** What one worker does in an averaging round: train its copy of the parameters in place on its data. */
@FunctionalInterface
public interface WorkerTraining extends Serializable {

    WorkerResult train(int worker, Parameters local) throws Exception;
}
