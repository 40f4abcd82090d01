package dev.embeddings.averaging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a replica training holds, as formulas of the vocabulary size V, dim and the workers N, so that a job can say
 * before it starts whether it fits ({@code ExecutorMemory} on the Spark side) and the manifest can record it.
 * Per worker: its replica (the model), and with N > 1 the start values of the rows it owns (1/N of the model, whole
 * blocks of {@link RowOwnership#BLOCK_ROWS} rows) and its update counts; plus what its training needs besides. An
 * executor holds the replica and owned rows once per replica ({@link ReplicaScope}: once, or once per worker it
 * runs) and the rest once per worker. The driver holds the final model once, to write the vectors, the
 * unit-length copy of the vectors its report's neighbour queries use, and the vocabulary.
 *
 * @param model          bytes of one replica
 * @param ownedShare     bytes of the start values one owner keeps (0 with one worker)
 * @param perWorkerExtra bytes a worker needs besides: update counts, sampling tables, its training data
 * @param driver         bytes the driver holds
 */
public record ReplicaMemory(long model, long ownedShare, long perWorkerExtra, long driver) {

    /** Bytes of the driver's vocabulary per word (the word's String and its count), a generous estimate. */
    private static final long VOCABULARY_BYTES_PER_WORD = 80;

    /**
     * word2vec: input and output matrices (8·V·dim bytes); per worker besides, the corpus counts and the negative
     * sampler's alias table (20·V), and with N > 1 the update counts of both matrices (8·V). The driver: the model
     * and the vectors' unit-length copy (4·V·dim).
     */
    public static ReplicaMemory word2vec(long vocabularySize, int dim, int workers) {
        long v = vocabularySize;
        long model = 8 * v * dim;
        long owned = workers > 1 ? ownedBytes(v, dim, 2, workers) : 0;
        long extra = 20 * v + (workers > 1 ? 8 * v : 0);
        return new ReplicaMemory(model, owned, extra, model + 4 * v * dim + VOCABULARY_BYTES_PER_WORD * v);
    }

    /**
     * GloVe: W, W~ and their AdaGrad sums (16·V·dim bytes) and the four bias vectors (16·V); per worker besides, its
     * co-occurrence entries (12 bytes each), and with N > 1 the update counts of word and context rows (8·V). The
     * driver: the model, the output vectors (W + W~ or W, 4·V·dim) and their unit-length copy (4·V·dim).
     */
    public static ReplicaMemory glove(long vocabularySize, int dim, int workers, long entriesPerWorker) {
        long v = vocabularySize;
        long model = 16 * v * (dim + 1L);
        long owned = workers > 1 ? ownedBytes(v, dim + 1, 4, workers) : 0;
        long extra = 12 * entriesPerWorker + (workers > 1 ? 8 * v : 0);
        return new ReplicaMemory(model, owned, extra, model + 8 * v * dim + VOCABULARY_BYTES_PER_WORD * v);
    }

    /** Bytes of the owned rows of {@code matrices} matrices of V rows and width {@code width}, for one owner. */
    private static long ownedBytes(long v, int width, int matrices, int workers) {
        return 4L * matrices * width * new RowOwnership(workers).ownedCapacity(v, 0);
    }

    /** Bytes one worker holds. */
    public long perWorker() {
        return model + ownedShare + perWorkerExtra;
    }

    /** Bytes an executor running {@code workers} workers holds: one replica, or one per worker. */
    public long perExecutor(int workers, ReplicaScope scope) {
        return replicas(workers, scope) * (model + ownedShare) + workers * perWorkerExtra;
    }

    /** {@link #perExecutor}'s sum in GiB, term by term, for messages. */
    public String perExecutorBreakdown(int workers, ReplicaScope scope) {
        return String.format(Locale.ROOT, "%d x (replica %s + owned rows %s) + %d x counts and data %s",
                replicas(workers, scope), gib(model), gib(ownedShare), workers, gib(perWorkerExtra));
    }

    private static int replicas(int workers, ReplicaScope scope) {
        return scope == ReplicaScope.EXECUTOR ? 1 : workers;
    }

    /** What the manifest records under "memory" (the formulas are in docs/design.md, "Memory"). */
    public Map<String, Long> asManifest() {
        Map<String, Long> memory = new LinkedHashMap<>();
        memory.put("modelBytes", model);
        memory.put("workerBytes", perWorker());
        memory.put("driverBytes", driver);
        return memory;
    }

    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
