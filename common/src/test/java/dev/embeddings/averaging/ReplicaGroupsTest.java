package dev.embeddings.averaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplicaGroupsTest {

    @Test
    void workersOfOneExecutorShareAReplicaLedByTheirLowestWorker() {
        ReplicaGroups groups = ReplicaGroups.byExecutor(new String[] {"b:2", "a:1", "b:2", "c:3", "a:1"});
        assertEquals(3, groups.count());
        assertArrayEquals(new int[] {0, 1, 0, 2, 1}, IntStream.range(0, 5).map(groups::groupOf).toArray());
        assertArrayEquals(new int[] {0, 1, 3}, IntStream.range(0, 3).map(groups::leader).toArray());
        assertArrayEquals(new int[] {2, 2, 1}, IntStream.range(0, 3).map(groups::size).toArray());
        assertArrayEquals(new int[] {0, 0, 1, 0, 1}, IntStream.range(0, 5).map(groups::rank).toArray());
    }

    @Test
    void oneExecutorIsOneReplicaAndSeparateIsOneEach() {
        ReplicaGroups local = ReplicaGroups.byExecutor(new String[] {"driver:7077", "driver:7077"});
        assertEquals(1, local.count());
        assertEquals(2, local.size(0));
        ReplicaGroups separate = ReplicaGroups.separate(3);
        assertEquals(3, separate.count());
        assertArrayEquals(new int[] {0, 1, 2}, IntStream.range(0, 3).map(separate::leader).toArray());
        assertArrayEquals(new int[] {0, 0, 0}, IntStream.range(0, 3).map(separate::rank).toArray());
    }
}
