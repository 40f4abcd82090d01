package dev.embeddings.averaging;

/**
 * Which workers train one model replica together.
 * <ul>
 *   <li>{@link #EXECUTOR}: the workers that run in one executor JVM train one replica together (Hogwild, as
 *       word2vec.c's threads do), and only executors' replicas are synchronised: an executor holds one model
 *       however many workers it runs, and the exchange has one party per executor. Not reproducible bit for bit
 *       when an executor runs several workers (their updates interleave).</li>
 *   <li>{@link #WORKER}: every worker trains its own replica, synchronised with all the others: memory and
 *       exchange traffic grow with the workers per executor; reproducible by seed when each worker has one
 *       thread.</li>
 * </ul>
 */
public enum ReplicaScope {
    EXECUTOR,
    WORKER
}
