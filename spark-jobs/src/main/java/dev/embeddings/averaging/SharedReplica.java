package dev.embeddings.averaging;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.TaskContext;

/**
 * The meeting point, inside one executor JVM, of the workers that train one replica ({@link ReplicaScope#EXECUTOR}):
 * the leader publishes its task (and so the replica), the others join it, and all of them step through the rounds
 * in lockstep, so that the leader exchanges and checkpoints the replica only while nobody trains it. Each worker's
 * round result is left here for the leader. A worker that fails breaks the group, so the others fail too instead of
 * waiting for it (Spark then restarts the stage).
 */
final class SharedReplica {

    private static final ConcurrentHashMap<String, SharedReplica> LIVE = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 50;

    private final String key;
    private final Phaser phaser;
    private final ReplicaWorker.Task[] tasks;
    private final WorkerResult[] results;
    private volatile int resumedRounds;
    private volatile Throwable failure;
    // The workers that joined and have not left; guarded by LIVE's lock on the key.
    private int present;

    private SharedReplica(String key, int workers) {
        this.key = key;
        this.phaser = new Phaser(workers);
        this.tasks = new ReplicaWorker.Task[workers];
        this.results = new WorkerResult[workers];
    }

    /** Joins the group {@code key} names in this JVM (created by whichever of its {@code workers} workers comes first). */
    static SharedReplica join(String key, int workers) {
        return LIVE.compute(key, (k, group) -> {
            SharedReplica joined = group == null ? new SharedReplica(k, workers) : group;
            joined.present++;
            return joined;
        });
    }

    /** The leader: its task, with the rounds its replica has done (a checkpoint's), is there for the others. */
    void lead(ReplicaWorker.Task task, int roundsDone) throws InterruptedException {
        tasks[0] = task;
        resumedRounds = roundsDone;
        await();
    }

    /** Another worker: waits for the leader's task. */
    ReplicaWorker.Task first() throws InterruptedException {
        await();
        return tasks[0];
    }

    /** The rounds the replica had done when the group started. */
    int resumedRounds() {
        return resumedRounds;
    }

    /** Worker {@code rank} of the group has finished a round's training with {@code result}; waits for the others. */
    void trained(int rank, ReplicaWorker.Task task, WorkerResult result) throws InterruptedException {
        tasks[rank] = task;
        results[rank] = result;
        await();
    }

    /** The group's workers' tasks and results of the round, by rank (read by the leader between the barriers). */
    ReplicaWorker.Task task(int rank) {
        return tasks[rank];
    }

    WorkerResult result(int rank) {
        return results[rank];
    }

    int size() {
        return tasks.length;
    }

    /** The barrier after the leader's synchronisation: the next round may train. */
    void synced() throws InterruptedException {
        await();
    }

    /** Breaks the group: the others' waits fail. */
    void fail(Throwable cause) {
        failure = cause;
        phaser.forceTermination();
    }

    /** A worker is done with the group (normally or not); the last one removes it, so no replica outlives it. */
    void leave() {
        LIVE.computeIfPresent(key, (k, group) -> {
            if (group != this || --present > 0) {
                return group;
            }
            Arrays.fill(tasks, null);
            return null;
        });
    }

    private void await() throws InterruptedException {
        int phase = phaser.arrive();
        TaskContext context = TaskContext.get();
        while (true) {
            if (phase < 0 || phaser.isTerminated()) {
                throw new IllegalStateException("another worker training this executor's replica failed"
                        + (failure == null ? "" : ": " + failure.getMessage()), failure);
            }
            try {
                phaser.awaitAdvanceInterruptibly(phase, POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (phaser.isTerminated()) {
                    continue;
                }
                return;
            } catch (TimeoutException e) {
                // A failed barrier stage kills its other tasks without interrupting them: look, then wait on.
                if (context != null) {
                    context.killTaskIfInterrupted();
                }
            }
        }
    }
}
