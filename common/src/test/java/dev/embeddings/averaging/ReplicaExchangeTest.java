package dev.embeddings.averaging;

import dev.embeddings.matrix.Parameters;
import dev.embeddings.matrix.RowUpdates;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.matrix.FloatMatrix;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three workers, as threads sharing a directory, synchronise their replicas after two rounds: every replica ends
 * equal to the merge rule applied directly to the workers' changes, and a round ships only the rows that changed.
 */
class ReplicaExchangeTest {

    private static final int WORKERS = 3;
    /** Rows of the first matrix: more than WORKERS blocks, the last one partial. */
    private static final int ROWS = 4 * RowOwnership.BLOCK_ROWS + 100;
    private static final int WIDTH = 4;

    @TempDir
    Path dir;

    @Test
    void everyReplicaEndsAtTheMergeRulesResultComputedDirectly() throws Exception {
        for (MergeRule rule : MergeRule.values()) {
            Parameters start = startingModel();
            List<Parameters> replicas = runRounds(rule, start, 2, dir.resolve(rule.name()));
            Parameters expected = copy(start);
            for (int round = 0; round < 2; round++) {
                expected = mergeDirectly(rule, expected, round);
            }
            for (int w = 0; w < WORKERS; w++) {
                for (int m = 0; m < expected.count(); m++) {
                    assertArrayEquals(expected.matrix(m).toArray(), replicas.get(w).matrix(m).toArray(), 1e-4f,
                            rule + ": worker " + w + ", matrix " + m);
                }
            }
        }
    }

    @Test
    void aRoundShipsTheChangedRowsNotTheModel() throws Exception {
        long[] written = new long[1];
        runRounds(MergeRule.SUM, startingModel(), 1, dir, written);
        RowOwnership ownership = new RowOwnership(WORKERS);
        long changedRows = 0;
        for (int w = 0; w < WORKERS; w++) {
            for (int row = 0; row < ROWS; row++) {
                changedRows += touched(w, 0, row) && ownership.owner(row) != w ? 1 : 0;
            }
        }
        // Each worker writes one file per other owner (a 44-byte header and a 4-byte end mark), a record per changed
        // row another worker owns (matrix, row and count: 16 bytes, then the floats) and the one bias row it changed,
        // which worker 0 owns (its own rows stay in its replica).
        long expected = WORKERS * (WORKERS - 1) * 48L + changedRows * (16 + 4L * WIDTH) + (WORKERS - 1) * (16 + 4L);
        assertEquals(expected, written[0]);
    }

    /**
     * Two workers, rows [0, 512) hot: in round 0 (not full) only the hot row is merged and the cold row stays each
     * worker's own; in round 1 (full) the cold row's whole change since the start is merged, counts and all.
     */
    @Test
    void coldRowsWaitForAFullRoundAndThenMergeTheirWholeChange() throws Exception {
        int cold = RowOwnership.BLOCK_ROWS + 1;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<float[][]>> futures = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    Parameters replica = new Parameters(FloatMatrix.zeros(2 * RowOwnership.BLOCK_ROWS, 1));
                    int[] counts = new int[2 * RowOwnership.BLOCK_ROWS];
                    ReplicaExchange exchange = new ReplicaExchange(worker, 2, replica, MergeRule.SUM,
                            new DirStore(dir), new int[] {RowOwnership.BLOCK_ROWS});
                    float[][] seen = new float[2][];
                    for (int round = 0; round < 2; round++) {
                        float step = (worker + 1) * (round + 1);
                        replica.matrix(0).add(0, 0, step);
                        replica.matrix(0).add(cold, 0, step);
                        counts[0]++;
                        counts[cold]++;
                        replica.recordUpdates(new RowUpdates(new int[][] {counts}, Double.NaN));
                        exchange.sendChanges(round, 10, 0, round == 1);
                        exchange.mergeOwned(round);
                        exchange.applyMerged(round);
                        seen[round] = new float[] {replica.matrix(0).get(0, 0), replica.matrix(0).get(cold, 0),
                                counts[cold]};
                    }
                    return seen;
                }));
            }
            float[][] first = futures.get(0).get();
            float[][] second = futures.get(1).get();
            assertArrayEquals(new float[] {3, 1, 1}, first[0], "round 0: hot row merged, cold row worker 0's own");
            assertArrayEquals(new float[] {3, 2, 1}, second[0], "worker 1's own cold row, its count kept");
            assertArrayEquals(new float[] {9, 9, 0}, first[1], "round 1: both rows merged, counts cleared");
            assertArrayEquals(first[1], second[1]);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTruncatedFileIsAnErrorNotAShortRound() throws Exception {
        Path file = dir.resolve("rows");
        try (OutputStream out = Files.newOutputStream(file)) {
            ChangedRows.Writer writer = new ChangedRows.Writer(out, new int[] {2}, 1, 0.5, Double.NaN);
            writer.write(0, 3, 1, new float[] {1, 2}, 0);
            writer.abort();
        }
        try (ChangedRows.Reader reader = new ChangedRows.Reader(Files.newInputStream(file), "rows")) {
            assertTrue(reader.next());
            IOException e = assertThrows(IOException.class, reader::next);
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    private List<Parameters> runRounds(MergeRule rule, Parameters start, int rounds, Path store) throws Exception {
        return runRounds(rule, start, rounds, store, new long[1]);
    }

    /**
     * Runs the workers as threads synchronised only by the files they wait for; {@code written[0]} receives the bytes
     * sent in step 1 of the first round.
     */
    private List<Parameters> runRounds(MergeRule rule, Parameters start, int rounds, Path store, long[] written)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<Parameters>> futures = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    Parameters replica = copy(start);
                    ReplicaExchange exchange = new ReplicaExchange(worker, WORKERS, replica, rule, new DirStore(store));
                    for (int round = 0; round < rounds; round++) {
                        train(worker, round, replica);
                        long sent = exchange.sendChanges(round, items(worker), 0.5 * worker, true).written();
                        if (round == 0) {
                            synchronized (written) {
                                written[0] += sent;
                            }
                        }
                        exchange.mergeOwned(round);
                        assertEquals(List.of(new ReplicaExchange.PeerRound(10, 0), new ReplicaExchange.PeerRound(15,
                                0.5), new ReplicaExchange.PeerRound(20, 1.0)), exchange.peers());
                        exchange.applyMerged(round);
                    }
                    return replica;
                }));
            }
            List<Parameters> replicas = new ArrayList<>();
            for (Future<Parameters> f : futures) {
                replicas.add(f.get());
            }
            return replicas;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The merge rule over the workers' changes in one round, from {@code start}, computed row by row here. */
    private static Parameters mergeDirectly(MergeRule rule, Parameters start, int round) {
        Parameters[] trained = new Parameters[WORKERS];
        for (int w = 0; w < WORKERS; w++) {
            trained[w] = copy(start);
            train(w, round, trained[w]);
        }
        Parameters merged = copy(start);
        for (int m = 0; m < start.count(); m++) {
            int width = start.width(m);
            for (int row = 0; row < start.rows(m); row++) {
                double[] deltaSum = new double[width];
                double weightSum = 0;
                int contributors = 0;
                double updates = 0;
                double covered = 0;
                for (int w = 0; w < WORKERS; w++) {
                    int[] counts = trained[w].updates().of(m);
                    if (counts[row] == 0) {
                        continue;
                    }
                    for (int k = 0; k < width; k++) {
                        deltaSum[k] += items(w) * (trained[w].matrix(m).get(row, k) - start.matrix(m).get(row, k));
                    }
                    weightSum += items(w);
                    contributors++;
                    updates += counts[row];
                    covered += RowUpdates.covered(counts[row], CONTRACTION);
                }
                if (contributors == 0) {
                    continue;
                }
                double copies = switch (rule) {
                    case AVERAGE -> 1;
                    case SUM -> contributors;
                    case ADAPTIVE -> contributors * RowUpdates.covered(updates, CONTRACTION) / covered;
                };
                for (int k = 0; k < width; k++) {
                    merged.matrix(m).add(row, k, (float) (deltaSum[k] * copies / weightSum));
                }
            }
        }
        return merged;
    }

    private static final double CONTRACTION = 0.05;

    private static long items(int worker) {
        return 10 + 5 * worker;
    }

    /** Whether worker w's training changes row r of the first matrix in round t: about a third of the rows. */
    private static boolean touched(int w, int t, int r) {
        return new SplittableRandom(31L * r + 7L * w + 1000L * t).nextInt(9) == 0 || r == 0;
    }

    /** A stand-in for a round of training: seeded changes to some rows, counted as updates. */
    private static void train(int worker, int round, Parameters replica) {
        int[] first = new int[ROWS];
        int[] bias = new int[replica.rows(1)];
        SplittableRandom random = new SplittableRandom(worker * 100L + round);
        for (int row = 0; row < ROWS; row++) {
            if (touched(worker, round, row)) {
                first[row] = 1 + random.nextInt(50);
                for (int k = 0; k < WIDTH; k++) {
                    replica.matrix(0).add(row, k, (float) random.nextGaussian());
                }
            }
        }
        int biasRow = (worker + round) % bias.length;
        bias[biasRow] = 3;
        replica.matrix(1).add(biasRow, 0, 0.5f * (worker + 1));
        replica.recordUpdates(new RowUpdates(new int[][] {first, bias}, CONTRACTION));
    }

    private static Parameters copy(Parameters p) {
        FloatMatrix[] matrices = new FloatMatrix[p.count()];
        for (int m = 0; m < p.count(); m++) {
            matrices[m] = p.matrix(m).copy();
        }
        return new Parameters(matrices);
    }

    /** The first matrix in segments of 64 rows, so rows are sent, merged and applied across segment bounds. */
    private static Parameters startingModel() {
        FloatMatrix first = FloatMatrix.zeros(ROWS, WIDTH, 64 * WIDTH);
        SplittableRandom random = new SplittableRandom(42);
        for (int row = 0; row < ROWS; row++) {
            for (int k = 0; k < WIDTH; k++) {
                first.set(row, k, (float) random.nextGaussian());
            }
        }
        return new Parameters(first, FloatMatrix.zeros(7, 1));
    }

    /** A directory on the local disk as the shared store: files appear by a rename once written. */
    private record DirStore(Path root) implements ReplicaExchange.Store {
        @Override
        public OutputStream create(String name) throws IOException {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
            return new FilterOutputStream(Files.newOutputStream(partial)) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    super.close();
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                }
            };
        }

        @Override
        public InputStream open(String name) throws IOException {
            return Files.newInputStream(root.resolve(name));
        }

        @Override
        public void await(List<String> names) throws InterruptedException {
            while (!names.stream().allMatch(n -> Files.exists(root.resolve(n)))) {
                Thread.sleep(1);
            }
        }

        @Override
        public void deleteRound(int round) {
        }
    }

    @Test
    void ownershipDealsBlocksRoundRobinAndPacksEachOwnersRows() {
        RowOwnership ownership = new RowOwnership(3);
        int b = RowOwnership.BLOCK_ROWS;
        assertEquals(0, ownership.owner(0));
        assertEquals(1, ownership.owner(b));
        assertEquals(0, ownership.owner(3L * b + 5));
        assertEquals(b + 5, ownership.ownedIndex(3L * b + 5));
        // 4 blocks and a partial fifth: worker 0 owns blocks 0 and 3, worker 1 blocks 1 and 4, worker 2 block 2.
        assertEquals(2L * b, ownership.ownedCapacity(4L * b + 1, 0));
        assertEquals(2L * b, ownership.ownedCapacity(4L * b + 1, 1));
        assertEquals(b, ownership.ownedCapacity(4L * b + 1, 2));
        // Row indices past 2^31 (a 10 M x 300 matrix's flat index is, a row index of 3e9 a test of the arithmetic).
        long row = 3_000_000_000L;
        assertEquals((int) ((row / b) % 3), ownership.owner(row));
        assertTrue(ownership.ownedIndex(row) < row / 2);
        // The next row a worker owns: itself when owned, else the start of the worker's next block.
        assertEquals(5, ownership.nextOwnedRow(5, 0));
        assertEquals(b, ownership.nextOwnedRow(5, 1));
        assertEquals(3L * b, ownership.nextOwnedRow(b, 0));
        assertEquals(4L * b, ownership.nextOwnedRow(2L * b + 7, 1));
        assertEquals(2, ownership.owner(ownership.nextOwnedRow(row, 2)));
    }
}
