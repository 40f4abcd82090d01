package dev.embeddings.averaging;

import java.io.Serializable;
import java.util.Iterator;

/**
 * What one worker does in an averaging round: train its copy of the parameters in place on its data (the
 * records of its partition of the round's data set).
 *
 * @param <D> the type of the data records a worker receives
 */
@FunctionalInterface
public interface WorkerTraining<D> extends Serializable {

    WorkerResult train(int worker, Iterator<D> data, Parameters local) throws Exception;
}
