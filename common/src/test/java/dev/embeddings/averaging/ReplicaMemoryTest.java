package dev.embeddings.averaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** word2vec's formulas, without and with subwords, whose bucket rows and row lists count like word rows. */
class ReplicaMemoryTest {

    private static final long V = 100_000;
    private static final int DIM = 100;

    @Test
    void plainWord2vecHoldsTwoMatricesOfVRows() {
        ReplicaMemory one = ReplicaMemory.word2vec(V, DIM, 1, 0, 0);
        assertEquals(8 * V * DIM, one.model());
        assertEquals(0, one.ownedShare());
        assertEquals(20 * V, one.perWorkerExtra());
        assertEquals(8 * V * DIM + 4 * V * DIM + 80 * V, one.driver());
        ReplicaMemory two = ReplicaMemory.word2vec(V, DIM, 2, 0, 0);
        assertEquals(20 * V + 8 * V, two.perWorkerExtra());
        assertEquals(4L * DIM * 2 * new RowOwnership(2).ownedCapacity(V, 0), two.ownedShare());
    }

    @Test
    void bucketRowsAndTheWordsRowListsCountToo() {
        long buckets = 2_000_000;
        long listed = 25 * V;
        ReplicaMemory one = ReplicaMemory.word2vec(V, DIM, 1, buckets, listed);
        assertEquals(4L * DIM * (2 * V + buckets), one.model());
        long lists = 4 * (V + 1 + listed);
        assertEquals(20 * V + lists, one.perWorkerExtra());
        assertEquals(one.model() + 4 * V * DIM + 80 * V + 8 * V * DIM + lists + 32 * V, one.driver());

        ReplicaMemory two = ReplicaMemory.word2vec(V, DIM, 2, buckets, listed);
        RowOwnership owners = new RowOwnership(2);
        assertEquals(4L * DIM * (owners.ownedCapacity(V + buckets, 0) + owners.ownedCapacity(V, 0)),
                two.ownedShare());
        assertEquals(20 * V + lists + 4 * (2 * V + buckets), two.perWorkerExtra());
    }
}
