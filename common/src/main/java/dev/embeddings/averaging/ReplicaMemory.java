package dev.embeddings.averaging;

import java.util.Locale;

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
    /** Bytes of a fastText dictionary per word besides its String: its count, its index entry, a reference. */
    private static final long FASTTEXT_DICTIONARY_BYTES_PER_WORD = 32;

    /**
     * word2vec: input and output matrices (8·V·dim bytes), with subwords the buckets' rows besides (4·B·dim); per
     * worker besides, the corpus counts and the negative sampler's alias table (20·V), with subwords each word's
     * rows ({@code SubwordRows}: 4·(V + 1 + L) for the L rows the words list), and with N > 1 the update counts of
     * every row of both matrices (4·(2V + B)). The driver: the model, the vectors' unit-length copy (4·V·dim), and
     * with subwords the composed vectors (4·V·dim), the rows lists, the fastText dictionary (32·V) and the fastText
     * export's copy of the output layer (4·V·dim; hierarchical softmax only, counted always).
     *
     * @param buckets     rows of character n-grams (0 without subwords)
     * @param listedRows  rows the words' lists hold, their own and their n-grams' (0 without subwords)
     */
    public static ReplicaMemory word2vec(long vocabularySize, int dim, int workers, long buckets, long listedRows) {
        long v = vocabularySize;
        long inputRows = v + buckets;
        long model = 4L * dim * (inputRows + v);
        long owned = workers > 1 ? 4L * dim * (ownedRows(inputRows, workers) + ownedRows(v, workers)) : 0;
        boolean subwords = listedRows > 0;
        long rowLists = subwords ? 4 * (v + 1 + listedRows) : 0;
        long extra = 20 * v + rowLists + (workers > 1 ? 4 * (inputRows + v) : 0);
        // With subwords: the composed vectors and the export's output layer, the rows lists and the dictionary.
        long export = subwords ? 8 * v * dim + rowLists + FASTTEXT_DICTIONARY_BYTES_PER_WORD * v : 0;
        return new ReplicaMemory(model, owned, extra, model + 4 * v * dim + VOCABULARY_BYTES_PER_WORD * v + export);
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
        return 4L * matrices * width * ownedRows(v, workers);
    }

    /** The most rows of a matrix of {@code rows} rows that one owner keeps. */
    private static long ownedRows(long rows, int workers) {
        return new RowOwnership(workers).ownedCapacity(rows, 0);
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

    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
