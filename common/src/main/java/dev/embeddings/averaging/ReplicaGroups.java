package dev.embeddings.averaging;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workers of a training grouped by the replica they train ({@link ReplicaScope}): group g's replica is one
 * party of the {@link ReplicaExchange}, numbered by its lowest worker, which leads it (builds the replica, exchanges
 * and checkpoints it).
 */
public final class ReplicaGroups {

    private final int[] groupOf;
    private final int[] leaders;
    private final int[] sizes;

    private ReplicaGroups(int[] groupOf) {
        this.groupOf = groupOf;
        int groups = Arrays.stream(groupOf).max().orElse(-1) + 1;
        this.leaders = new int[groups];
        this.sizes = new int[groups];
        Arrays.fill(leaders, -1);
        for (int w = 0; w < groupOf.length; w++) {
            int g = groupOf[w];
            if (leaders[g] < 0) {
                leaders[g] = w;
            }
            sizes[g]++;
        }
    }

    /** One replica per worker. */
    public static ReplicaGroups separate(int workers) {
        int[] groupOf = new int[workers];
        Arrays.setAll(groupOf, w -> w);
        return new ReplicaGroups(groupOf);
    }

    /** Workers with equal {@code executors[w]} (an executor's address, one per worker) share a replica. */
    public static ReplicaGroups byExecutor(String[] executors) {
        Map<String, Integer> groups = new LinkedHashMap<>();
        int[] groupOf = new int[executors.length];
        for (int w = 0; w < executors.length; w++) {
            groupOf[w] = groups.computeIfAbsent(executors[w], e -> groups.size());
        }
        return new ReplicaGroups(groupOf);
    }

    /** The number of replicas. */
    public int count() {
        return leaders.length;
    }

    public int groupOf(int worker) {
        return groupOf[worker];
    }

    /** The lowest worker of group g. */
    public int leader(int group) {
        return leaders[group];
    }

    public int size(int group) {
        return sizes[group];
    }

    /** The position of {@code worker} among its group's workers in ascending order (0 for the leader). */
    public int rank(int worker) {
        int rank = 0;
        for (int w = 0; w < worker; w++) {
            if (groupOf[w] == groupOf[worker]) {
                rank++;
            }
        }
        return rank;
    }
}
