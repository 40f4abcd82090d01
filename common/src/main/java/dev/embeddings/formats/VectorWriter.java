package dev.embeddings.formats;

import dev.embeddings.matrix.FloatMatrix;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntFunction;

/**
 * Writes vector rows one at a time, in the order given (callers pass words most frequent first). Rejects rows that
 * no reader would accept back: an empty word or one containing whitespace, a vector of the wrong length, a
 * non-finite value. Formats with a header need the word count up front; {@link #close()} checks it was met.
 *
 * <p>Open one with {@link VectorFiles}. Closing the writer closes its stream.
 */
public abstract class VectorWriter implements Closeable {

    /** Rows formatted per task by {@link #writeAll}. */
    private static final int BLOCK_ROWS = 4096;
    private static final ThreadFactory FORMATTING_THREADS = task -> {
        Thread thread = new Thread(task, "vector-formatting");
        thread.setDaemon(true);
        return thread;
    };

    private final OutputStream out;
    private final String target;
    private final int dimension;
    private final long count;
    private long rows;

    VectorWriter(OutputStream out, String target, int dimension, long count) {
        this.out = out;
        this.target = target;
        this.dimension = dimension;
        this.count = count;
    }

    public abstract VectorFormat format();

    public final int dimension() {
        return dimension;
    }

    public final long rowsWritten() {
        return rows;
    }

    public final void write(String word, float[] vector) throws IOException {
        requireRoom(1);
        check(word, vector, rows + 1);
        writeRow(out, word, vector);
        rows++;
    }

    /**
     * Writes rows [0, vectors.rows()), row i as the vector of {@code words.apply(i)}, formatting blocks of rows on
     * {@code threads} threads and writing them in order: the same bytes as {@link #write} row by row, in a fraction of
     * the time where formatting is the cost (decimal text of millions of rows).
     */
    public final void writeAll(IntFunction<String> words, FloatMatrix vectors, int threads) throws IOException {
        if (vectors.width() != dimension) {
            throw new IllegalArgumentException(target + ": vectors have " + vectors.width() + " values, expected "
                    + dimension);
        }
        int n = vectors.rows();
        requireRoom(n);
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, FORMATTING_THREADS) : null;
        try {
            Deque<Future<byte[]>> pending = new ArrayDeque<>();
            for (int next = 0; next < n || !pending.isEmpty(); ) {
                while (next < n && pending.size() < 2 * Math.max(1, threads)) {
                    int from = next;
                    int to = (int) Math.min(n, (long) from + BLOCK_ROWS);
                    pending.add(pool != null ? pool.submit(() -> format(words, vectors, from, to))
                            : CompletableFuture.completedFuture(format(words, vectors, from, to)));
                    next = to;
                }
                out.write(take(pending.removeFirst()));
            }
            rows += n;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private byte[] format(IntFunction<String> words, FloatMatrix vectors, int from, int to) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        float[] vector = new float[dimension];
        for (int i = from; i < to; i++) {
            String word = words.apply(i);
            vectors.copyRow(i, vector, 0);
            check(word, vector, rows + i + 1);
            writeRow(block, word, vector);
        }
        return block.toByteArray();
    }

    private static byte[] take(Future<byte[]> block) throws IOException {
        try {
            return block.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while formatting vectors");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    private void requireRoom(long more) {
        if (count >= 0 && rows + more > count) {
            throw new IllegalStateException(target + ": more rows than the " + count + " declared");
        }
    }

    /** Rejects a row no reader would accept back; {@code rowNumber} counts from 1, for the message. */
    private void check(String word, float[] vector, long rowNumber) {
        if (word.isEmpty()) {
            throw new IllegalArgumentException(target + ": empty word (row " + rowNumber + ")");
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                throw new IllegalArgumentException(target + ": word '" + word + "' contains whitespace (row "
                        + rowNumber + "), which these formats use as a separator");
            }
        }
        if (vector.length != dimension) {
            throw new IllegalArgumentException(target + ": vector of '" + word + "' has " + vector.length
                    + " values, expected " + dimension);
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException(target + ": value " + (i + 1) + " of '" + word + "' is "
                        + vector[i]);
            }
        }
    }

    /** Appends one row's bytes to {@code out}; called from several threads at once by {@link #writeAll}. */
    abstract void writeRow(OutputStream out, String word, float[] vector) throws IOException;

    /** Flushes and closes the stream; fails if fewer rows were written than the header declared. */
    @Override
    public void close() throws IOException {
        try (out) {
            out.flush();
        }
        if (count >= 0 && rows != count) {
            throw new IOException(target + ": header declares " + count + " words but " + rows + " were written");
        }
    }

    static byte[] header(long count, int dimension) {
        return (count + " " + dimension + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
