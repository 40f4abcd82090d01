package dev.embeddings.averaging;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.Parameters;
import dev.embeddings.matrix.RowUpdates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One worker's side of the synchronisation of N model replicas after a training round, with no coordinator on the
 * parameters' path: a reduce-scatter of the changed rows followed by an all-gather of the merged ones.
 * <ol>
 *   <li>{@link #sendChanges}: the worker writes each row its training updated ({@link RowUpdates}) to the file of
 *       the row's owner ({@link RowOwnership}), one file per other owner; its own rows stay in its replica.</li>
 *   <li>{@link #mergeOwned}, once every worker has sent: the owner reads the N - 1 files addressed to it and its own
 *       rows, in worker order, merges each row by the {@link MergeRule} against the row's value at the start of the
 *       round (which it alone keeps, for its own rows), puts the merged row into its replica and writes it to one
 *       file for the others.</li>
 *   <li>{@link #applyMerged}, once every owner has merged: the worker copies the other owners' merged rows into its
 *       replica. Every replica then holds the same model: the rows nobody changed are still the start's.</li>
 * </ol>
 * The files go through a {@link Store} (a folder all workers share) that publishes a file only once it is complete,
 * and each step waits there for the files it reads: the files are the barriers, so no coordinator is on the path at
 * all. A worker holds its replica, 1/N of the model as its rows' start values, and stream buffers; traffic per round
 * is the changed rows, not the model. Each file's header carries its sender's items and loss, so every owner learns
 * every worker's round ({@link #peers}).
 *
 * <p>Rows can be synchronised at two rates: the hot rows (those below {@code hotRows[m]} of matrix m, the frequent
 * words) every round, the others only in full rounds. A row left out keeps its update count, so the next full round
 * sends its change and count since it was last merged, against the start value its owner kept from then.
 */
public final class ReplicaExchange {

    /** Where the round's files live: a folder shared by all workers. */
    public interface Store {
        /** A new file, which appears under {@code name} only once the stream is closed. */
        OutputStream create(String name) throws IOException;

        InputStream open(String name) throws IOException;

        /** Waits until every one of {@code names} has appeared. */
        void await(List<String> names) throws IOException, InterruptedException;

        /** Deletes every file of {@code round}; all workers have read them. */
        void deleteRound(int round) throws IOException;
    }

    /** What a worker's file (or, for itself, its replica) said of its round. */
    public record PeerRound(long items, double loss) {

        /** Several rounds as one: their items, and their losses' mean weighted by items (NaN losses left out). */
        public static PeerRound combined(List<PeerRound> rounds) {
            long items = 0;
            double weighted = 0;
            long weightedItems = 0;
            for (PeerRound r : rounds) {
                items += r.items();
                if (r.items() > 0 && !Double.isNaN(r.loss())) {
                    weighted += r.loss() * r.items();
                    weightedItems += r.items();
                }
            }
            return new PeerRound(items, weightedItems == 0 ? Double.NaN : weighted / weightedItems);
        }
    }

    /** Bytes a step wrote and read. */
    public record Traffic(long written, long read) {
        public Traffic plus(Traffic other) {
            return new Traffic(written + other.written, read + other.read);
        }
    }

    private final int worker;
    private final RowOwnership ownership;
    private final Parameters replica;
    private final MergeRule rule;
    private final Store store;
    private final FloatMatrix[] owned;
    private final int maxWidth;
    private final List<PeerRound> peers = new ArrayList<>();
    private final int[] hotRows;
    // This worker's side of the round sendChanges last sent, which mergeOwned merges from the replica itself.
    private OwnRound own;

    /** Every row in every round: {@link #ReplicaExchange(int, int, Parameters, MergeRule, Store, int[])}. */
    public ReplicaExchange(int worker, int workers, Parameters replica, MergeRule rule, Store store) {
        this(worker, workers, replica, rule, store, null);
    }

    /**
     * Takes the replica's owned rows as the start of the first round: call it on a replica that is initialised.
     *
     * @param hotRows per matrix, the rows [0, hotRows[m]) synchronised in every round, the rest in full rounds only;
     *                null: every row in every round
     */
    public ReplicaExchange(int worker, int workers, Parameters replica, MergeRule rule, Store store, int[] hotRows) {
        if (worker < 0 || worker >= workers) {
            throw new IllegalArgumentException("worker " + worker + " of " + workers);
        }
        this.worker = worker;
        this.ownership = new RowOwnership(workers);
        this.replica = replica;
        this.rule = rule;
        this.store = store;
        this.owned = new FloatMatrix[replica.count()];
        int widest = 1;
        for (int m = 0; m < replica.count(); m++) {
            owned[m] = FloatMatrix.zeros((int) ownership.ownedCapacity(replica.rows(m), worker), replica.width(m));
            widest = Math.max(widest, replica.width(m));
        }
        this.maxWidth = widest;
        if (hotRows != null && hotRows.length != replica.count()) {
            throw new IllegalArgumentException(hotRows.length + " hot-row bounds for " + replica.count() + " matrices");
        }
        this.hotRows = hotRows == null ? null : hotRows.clone();
        snapshot();
    }

    /** Takes the replica's current owned rows as the start of the next round (after a checkpoint is loaded). */
    public void snapshot() {
        for (int m = 0; m < replica.count(); m++) {
            FloatMatrix matrix = replica.matrix(m);
            int rows = replica.rows(m);
            for (int first = worker * RowOwnership.BLOCK_ROWS; first < rows;
                    first += ownership.workers() * RowOwnership.BLOCK_ROWS) {
                int ownedRow = (int) ownership.ownedIndex(first);
                for (int row = first, end = Math.min(rows, first + RowOwnership.BLOCK_ROWS); row < end; row++) {
                    matrix.copyRow(row, owned[m].segment(ownedRow), owned[m].offset(ownedRow));
                    ownedRow++;
                }
            }
        }
    }

    /**
     * Step 1: writes the rows the round's training updated (as the replica's {@link RowUpdates} count them) to
     * their owners' files, all of them in a full round, the hot ones otherwise; then zeroes the counts of the rows
     * sent, so the counts keep accumulating for the rows left for a later round.
     *
     * @param items what this worker trained on in the round (words, entries): its weight in the averages
     * @param loss  its mean loss in the round
     * @param full  whether the cold rows go too (every worker must agree)
     */
    public Traffic sendChanges(int round, long items, double loss, boolean full) throws IOException {
        RowUpdates updates = replica.updates();
        if (updates == null) {
            throw new IllegalStateException("worker " + worker + " recorded no row updates in round " + round);
        }
        int workers = ownership.workers();
        int[] widths = widths();
        ChangedRows.Writer[] writers = new ChangedRows.Writer[workers];
        boolean complete = false;
        try {
            for (int p = 0; p < workers; p++) {
                if (p != worker) {
                    writers[p] = new ChangedRows.Writer(store.create(changesName(round, p, worker)), widths, items,
                            loss, updates.contraction());
                }
            }
            for (int m = 0; m < replica.count(); m++) {
                int[] counts = updates.of(m);
                if (counts == null) {
                    throw new IllegalStateException("worker " + worker + " did not count the updates of matrix " + m);
                }
                FloatMatrix matrix = replica.matrix(m);
                for (int row = 0, end = rowsSent(m, counts.length, full); row < end; row++) {
                    int owner = ownership.owner(row);
                    if (counts[row] > 0 && owner != worker) {
                        writers[owner].write(m, row, counts[row], matrix.segment(row), matrix.offset(row));
                    }
                }
            }
            // After every matrix is written: matrices whose rows move together share one counts array. This
            // worker's own rows keep their counts until mergeOwned has merged them.
            zeroCounts(updates, full, false);
            complete = true;
        } finally {
            if (complete) {
                closeAll(writers);
            } else {
                abortAll(writers);
            }
        }
        own = new OwnRound(new PeerRound(items, loss), updates.contraction(), full);
        long written = 0;
        for (ChangedRows.Writer w : writers) {
            written += w == null ? 0 : w.bytes();
        }
        return new Traffic(written, 0);
    }

    /** Zeroes the counts of the rows sent in a round of {@code full}ness: this worker's own rows or the others'. */
    private void zeroCounts(RowUpdates updates, boolean full, boolean own) {
        for (int m = 0; m < replica.count(); m++) {
            int[] counts = updates.of(m);
            int end = rowsSent(m, counts.length, full);
            for (int first = 0; first < end; first += RowOwnership.BLOCK_ROWS) {
                if ((ownership.owner(first) == worker) == own) {
                    Arrays.fill(counts, first, Math.min(end, first + RowOwnership.BLOCK_ROWS), 0);
                }
            }
        }
    }

    /**
     * Step 2: waits for every worker's step 1, merges the rows this worker owns and writes the merged ones. Once it
     * returns, every worker has finished the previous round ({@link #deleteRound} of it is safe).
     */
    public Traffic mergeOwned(int round) throws IOException, InterruptedException {
        if (own == null) {
            throw new IllegalStateException("worker " + worker + " merges round " + round + " before sending it");
        }
        int workers = ownership.workers();
        List<String> names = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            if (w != worker) {
                names.add(changesName(round, worker, w));
            }
        }
        store.await(names);
        SenderRows[] senders = new SenderRows[workers];
        boolean[] live = new boolean[workers];
        RowMerge merge = new RowMerge(rule, maxWidth);
        ChangedRows.Writer out = null;
        boolean complete = false;
        peers.clear();
        try {
            for (int w = 0; w < workers; w++) {
                if (w == worker) {
                    senders[w] = new OwnRows();
                } else {
                    String name = changesName(round, worker, w);
                    senders[w] = new FileRows(new ChangedRows.Reader(store.open(name), name));
                }
                live[w] = senders[w].next();
            }
            out = new ChangedRows.Writer(store.create(mergedName(round, worker)), widths(), 0, Double.NaN,
                    Double.NaN);
            while (true) {
                int matrix = Integer.MAX_VALUE;
                long row = Long.MAX_VALUE;
                for (int w = 0; w < workers; w++) {
                    if (live[w] && (senders[w].matrix() < matrix
                            || (senders[w].matrix() == matrix && senders[w].row() < row))) {
                        matrix = senders[w].matrix();
                        row = senders[w].row();
                    }
                }
                if (matrix == Integer.MAX_VALUE) {
                    break;
                }
                if (ownership.owner(row) != worker || row >= replica.rows(matrix)) {
                    throw new IOException("round " + round + ": row " + row + " of matrix " + matrix
                            + " was sent to worker " + worker + ", which does not own it");
                }
                int width = replica.width(matrix);
                int ownedRow = (int) ownership.ownedIndex(row);
                float[] start = owned[matrix].segment(ownedRow);
                int offset = owned[matrix].offset(ownedRow);
                merge.begin(width);
                for (int w = 0; w < workers; w++) {
                    SenderRows in = senders[w];
                    if (live[w] && in.matrix() == matrix && in.row() == row) {
                        merge.add(start, offset, in.values(), in.offset(), width, in.weight(), in.updates(),
                                in.contraction());
                        live[w] = in.next();
                    }
                }
                if (merge.changed()) {
                    merge.applyTo(start, offset, width);
                    replica.matrix(matrix).setRow((int) row, start, offset);
                    out.write(matrix, row, 0, start, offset);
                }
            }
            zeroCounts(replica.updates(), own.full(), true);
            complete = true;
        } finally {
            for (SenderRows sender : senders) {
                if (sender != null) {
                    sender.close();
                }
            }
            if (complete) {
                out.close();
            } else {
                abortAll(new ChangedRows.Writer[] {out});
            }
        }
        long read = 0;
        for (SenderRows sender : senders) {
            read += sender.bytes();
            peers.add(sender.round());
        }
        own = null;
        return new Traffic(out.bytes(), read);
    }

    /** Each worker's items and loss in the round {@link #mergeOwned} last merged, in worker order. */
    public List<PeerRound> peers() {
        return List.copyOf(peers);
    }

    /** Step 3: waits for every other owner's step 2 and copies their merged rows into the replica. */
    public Traffic applyMerged(int round) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (int p = 0; p < ownership.workers(); p++) {
            if (p != worker) {
                names.add(mergedName(round, p));
            }
        }
        store.await(names);
        long read = 0;
        for (String name : names) {
            try (ChangedRows.Reader in = new ChangedRows.Reader(store.open(name), name)) {
                while (in.next()) {
                    int m = in.matrix();
                    if (in.row() >= replica.rows(m)) {
                        throw new IOException(name + ": row " + in.row() + " outside matrix " + m);
                    }
                    replica.matrix(m).setRow((int) in.row(), in.values(), 0);
                }
                read += in.bytes();
            }
        }
        return new Traffic(0, read);
    }

    /** This worker's own round: its items and loss, the contraction of its updates, and whether it merges every row. */
    private record OwnRound(PeerRound round, double contraction, boolean full) {
    }

    /** One sender's rows for this owner in a round, in ascending (matrix, row) order. */
    private interface SenderRows {
        /** Moves to the next row; false at the end. */
        boolean next() throws IOException;

        int matrix();

        long row();

        int updates();

        /** The current row's floats, from {@link #offset}. */
        float[] values();

        int offset();

        double weight();

        double contraction();

        PeerRound round();

        /** Bytes read from the store. */
        long bytes();

        void close() throws IOException;
    }

    /** Another worker's rows: its file. */
    private record FileRows(ChangedRows.Reader in) implements SenderRows {
        @Override
        public boolean next() throws IOException {
            return in.next();
        }

        @Override
        public int matrix() {
            return in.matrix();
        }

        @Override
        public long row() {
            return in.row();
        }

        @Override
        public int updates() {
            return in.updates();
        }

        @Override
        public float[] values() {
            return in.values();
        }

        @Override
        public int offset() {
            return 0;
        }

        @Override
        public double weight() {
            return in.weight();
        }

        @Override
        public double contraction() {
            return in.contraction();
        }

        @Override
        public PeerRound round() {
            return new PeerRound(in.items(), in.loss());
        }

        @Override
        public long bytes() {
            return in.bytes();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** This worker's own rows, read from its replica: the rows it owns that its training updated. */
    private final class OwnRows implements SenderRows {
        private final RowUpdates updates = replica.updates();
        private int matrix;
        private long row = -1;

        @Override
        public boolean next() {
            while (matrix < replica.count()) {
                int[] counts = updates.of(matrix);
                int end = rowsSent(matrix, counts.length, own.full());
                for (long r = ownership.nextOwnedRow(row + 1, worker); r < end;
                        r = ownership.nextOwnedRow(r + 1, worker)) {
                    if (counts[(int) r] > 0) {
                        row = r;
                        return true;
                    }
                }
                matrix++;
                row = -1;
            }
            return false;
        }

        @Override
        public int matrix() {
            return matrix;
        }

        @Override
        public long row() {
            return row;
        }

        @Override
        public int updates() {
            return updates.of(matrix)[(int) row];
        }

        @Override
        public float[] values() {
            return replica.matrix(matrix).segment((int) row);
        }

        @Override
        public int offset() {
            return replica.matrix(matrix).offset((int) row);
        }

        @Override
        public double weight() {
            return Math.max(1, own.round().items());
        }

        @Override
        public double contraction() {
            return own.contraction();
        }

        @Override
        public PeerRound round() {
            return own.round();
        }

        @Override
        public long bytes() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    /** Rows [0, result) of matrix m are sent this round. */
    private int rowsSent(int m, int rows, boolean full) {
        return full || hotRows == null ? rows : Math.min(rows, hotRows[m]);
    }

    private int[] widths() {
        int[] widths = new int[replica.count()];
        for (int m = 0; m < widths.length; m++) {
            widths[m] = replica.width(m);
        }
        return widths;
    }

    /** The file worker {@code from} sends owner {@code to} in {@code round}. */
    static String changesName(int round, int to, int from) {
        return String.format(Locale.ROOT, "%s/to-%05d-from-%05d.rows", roundName(round), to, from);
    }

    static String mergedName(int round, int owner) {
        return String.format(Locale.ROOT, "%s/merged-%05d.rows", roundName(round), owner);
    }

    /** The folder of a round's files in the store. */
    public static String roundName(int round) {
        return String.format(Locale.ROOT, "round-%06d", round);
    }

    private static void abortAll(ChangedRows.Writer[] writers) {
        for (ChangedRows.Writer w : writers) {
            if (w != null) {
                w.abort();
            }
        }
    }

    private static void closeAll(java.io.Closeable[] closeables) throws IOException {
        IOException failure = null;
        for (java.io.Closeable c : closeables) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
