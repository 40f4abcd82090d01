package dev.embeddings.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RowUpdatesTest {

    @Test
    void addingAnotherWorkersCountsAddsEachArrayOnce() {
        int[] rows = {1, 0, 2};
        int[] contexts = {0, 3, 0};
        RowUpdates mine = new RowUpdates(new int[][] {rows, contexts, rows, contexts}, Double.NaN);
        int[] theirRows = {0, 1, 1};
        int[] theirContexts = {5, 0, 0};
        mine.add(new RowUpdates(new int[][] {theirRows, theirContexts, theirRows, theirContexts}, Double.NaN));
        assertArrayEquals(new int[] {1, 1, 3}, rows);
        assertArrayEquals(new int[] {5, 3, 0}, contexts);
        assertArrayEquals(new int[] {0, 1, 1}, theirRows, "the other's counts are left as they were");
    }

    @Test
    void countsSharedByBothWorkersAreNotDoubled() {
        int[] shared = {2, 0, 1};
        RowUpdates mine = new RowUpdates(new int[][] {shared}, 0.1);
        mine.add(new RowUpdates(new int[][] {shared}, 0.1));
        assertArrayEquals(new int[] {2, 0, 1}, shared);
    }

    @Test
    void countsOfAnotherShapeAreRefused() {
        RowUpdates mine = new RowUpdates(new int[][] {new int[3]}, Double.NaN);
        assertThrows(IllegalArgumentException.class,
                () -> mine.add(new RowUpdates(new int[][] {new int[4]}, Double.NaN)));
    }
}
