package dev.embeddings.averaging;

import dev.embeddings.checkpoint.CheckpointCost;
import dev.embeddings.checkpoint.CheckpointPolicy;
import dev.embeddings.checkpoint.Fingerprint;
import dev.embeddings.checkpoint.Progress;
import dev.embeddings.checkpoint.TrainingCheckpoints;
import dev.embeddings.checkpoint.TrainingRound;
import dev.embeddings.matrix.Parameters;
import dev.embeddings.matrix.RowUpdates;
import dev.embeddings.spark.SerializableConfiguration;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.BarrierTaskInfo;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Synchronous parameter averaging with the driver off the parameters' path, for word2vec and GloVe. The whole
 * training is one Spark barrier stage of N tasks, one per worker, each holding one replica of the model for all the
 * rounds: it trains its replica on its data for a round (Hogwild threads), then the replicas are synchronised by
 * {@link ReplicaExchange} (a reduce-scatter of the changed rows to their owners, who merge them by the
 * {@link MergeRule}, and an all-gather of the merged rows) through a folder beside the output, whose files are
 * also the workers' barriers. The driver only plans, starts the stage and, at the end, reads the final checkpoint to
 * write the vectors. Barrier mode gives the gang scheduling: all workers start together, and a failed one restarts
 * them all. Worker 0 logs each round (rate, loss, time in synchronisation, bytes,
 * ETA) and writes the checkpoints; a failed task restarts the stage, whose workers go on from the newest checkpoint.
 *
 * <p>Needs N concurrent task slots (barrier mode starts all tasks together) and no dynamic allocation.
 */
public final class ReplicaTraining {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaTraining.class);
    private static final long SLOT_WAIT_MILLIS = 60_000;
    /**
     * Final models handed from worker 0 to the driver in memory, by exchange folder, when they share a JVM (local
     * mode): instead of the final checkpoint, which the driver would read back at once.
     */
    private static final ConcurrentHashMap<String, Parameters> HANDED_OVER = new ConcurrentHashMap<>();

    /**
     * The settings of one training.
     *
     * @param job            the job's name in log lines and Spark's UI ("word2vec", "glove")
     * @param unit           what a round trains, {@link TrainingRound#WORDS} or {@link TrainingRound#ENTRIES}: what
     *                       the history's points count
     * @param output         the job's output: checkpoints and the exchange folder go beside it
     * @param rareSyncEvery  rows other than the workers' hot rows ({@link ReplicaWorker.Task#hotRows}) are merged
     *                       every this many rounds and at the end of each epoch; 1: every row every round
     * @param replicaScope   which workers train one replica together ({@link ReplicaWorker#join} must support
     *                       {@link ReplicaScope#EXECUTOR})
     */
    public record Plan(String job, String unit, int epochs, int roundsPerEpoch, int workers, MergeRule merge,
            String output, CheckpointPolicy policy, Fingerprint fingerprint, int rareSyncEvery,
            ReplicaScope replicaScope) implements Serializable {

        public int totalRounds() {
            return epochs * roundsPerEpoch;
        }

        /**
         * Whether round {@code done} (0-based over all epochs) merges every row: each {@link #rareSyncEvery}-th and
         * the last of each epoch. Only then are all replicas equal, so only then is a checkpoint written.
         */
        boolean fullRound(int done) {
            return (done + 1) % rareSyncEvery == 0 || (done + 1) % roundsPerEpoch == 0;
        }

        TrainingCheckpoints checkpoints(Configuration conf) throws IOException {
            return TrainingCheckpoints.beside(output, conf, policy, fingerprint, job, unit, roundsPerEpoch);
        }
    }

    /**
     * What the rounds came to.
     *
     * @param items           items trained over the whole training, resumed rounds included
     * @param itemsThisRun    items trained by this run (the basis of its throughput)
     * @param loss            the last round's loss (NaN if no round ran)
     * @param history         one point per round since the start: epoch, round, items so far, loss, items/s
     * @param seconds         this run's time in the rounds
     * @param roundsThisRun   rounds this run trained
     * @param trainingSeconds the workers' mean time in training
     * @param syncSeconds     the workers' mean time synchronising (writing, waiting for the others, merging, reading)
     * @param bytesWritten    bytes all workers wrote to the exchange folder (their changed rows and merged rows)
     * @param bytesRead       bytes all workers read from it
     * @param replicas        the replicas trained (one per executor or per worker: {@link ReplicaScope})
     * @param checkpoints     what writing the checkpoints cost (worker 0 writes them), for the manifest
     */
    public record Outcome(long items, long itemsThisRun, double loss, List<TrainingRound> history,
            double seconds, int roundsThisRun, double trainingSeconds, double syncSeconds, long bytesWritten,
            long bytesRead, int replicas, CheckpointCost checkpoints) implements Serializable {

        public double itemsPerSecond() {
            return itemsThisRun / seconds;
        }

        /** The metrics the manifest records about the synchronisation. */
        public Synchronisation synchronisation() {
            return new Synchronisation(replicas, trainingSeconds, syncSeconds,
                    roundsThisRun == 0 ? 0 : bytesWritten / roundsThisRun,
                    roundsThisRun == 0 ? 0 : bytesRead / roundsThisRun, 0);
        }

        /** What the manifest records of these rounds, whichever the job; {@code resumed}: the progress resumed. */
        public RoundsMetrics metrics(Progress resumed) {
            return new RoundsMetrics(loss, seconds, resumed.roundsDone(), synchronisation(), checkpoints,
                    history);
        }
    }

    /**
     * Worker 0's account of the rounds: items over the whole training and this run, the last loss, the history, this
     * run's seconds in the rounds and how many it trained.
     */
    private record Rounds(long items, long itemsThisRun, double loss, List<TrainingRound> history,
            double seconds, int count) implements Serializable {
    }

    /**
     * One worker's account of its task, returned as the task's only result; {@code rounds}, {@code replicas} and
     * {@code checkpoints} from worker 0 only.
     */
    private record WorkerReport(double trainingSeconds, double syncSeconds, long written, long read, Rounds rounds,
            int replicas, CheckpointCost checkpoints) implements Serializable {
    }

    private final JavaSparkContext jsc;
    private final Plan plan;
    private final SerializableConfiguration hadoop;
    private final TrainingCheckpoints checkpoints;
    private final String exchangeRoot;

    public ReplicaTraining(JavaSparkContext jsc, Plan plan) throws IOException {
        if (plan.workers() < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + plan.workers());
        }
        this.jsc = jsc;
        this.plan = plan;
        this.hadoop = new SerializableConfiguration(jsc.hadoopConfiguration());
        this.checkpoints = plan.checkpoints(jsc.hadoopConfiguration());
        Path target = new Path(plan.output());
        FileSystem fs = target.getFileSystem(jsc.hadoopConfiguration());
        target = fs.makeQualified(target);
        this.exchangeRoot = new Path(target.getParent(), "." + target.getName() + ".exchange").toString();
    }

    /** Before training: the progress of the checkpoint the workers will go on from (clearing unusable ones). */
    public Progress prepare() throws IOException {
        new ExchangeDirectory(exchangeRoot, 0, hadoop).deleteAll();
        return checkpoints.prepare();
    }

    /** Trains with worker i's data being nothing but its index (it finds its own data, e.g. shard slices). */
    public Outcome run(ReplicaWorker<Integer> worker) throws IOException {
        List<Integer> ids = IntStream.range(0, plan.workers()).boxed().toList();
        return run(jsc.parallelize(ids, plan.workers()), worker);
    }

    /** Trains with worker i on partition i of {@code data} (one partition per worker). */
    public <D> Outcome run(JavaRDD<D> data, ReplicaWorker<D> worker) throws IOException {
        if (data.getNumPartitions() != plan.workers()) {
            throw new IllegalArgumentException("the data has " + data.getNumPartitions() + " partitions for "
                    + plan.workers() + " workers");
        }
        requireSlots(jsc, plan.job(), plan.workers());
        LongAccumulator items = jsc.sc().longAccumulator(plan.job() + ": " + plan.unit() + " trained");
        LongAccumulator bytes = jsc.sc().longAccumulator(plan.job() + ": bytes exchanged");
        jsc.setJobDescription(String.format(Locale.ROOT, "%s: %d epoch(s) x %d round(s), %d worker(s), one replica "
                + "per %s", plan.job(), plan.epochs(), plan.roundsPerEpoch(), plan.workers(),
                plan.replicaScope().name().toLowerCase(Locale.ROOT)));
        WorkerLoop<D> loop = new WorkerLoop<>(plan, worker, hadoop, exchangeRoot, items, bytes);
        HANDED_OVER.remove(exchangeRoot);
        List<WorkerReport> reports;
        try {
            // The shuffle after the barrier stage makes it a map stage, which Spark restarts whole when a task fails
            // (a failed barrier result stage is not retried).
            reports = data.rdd().barrier()
                    .mapPartitions(loop, false, ClassTag$.MODULE$.apply(WorkerReport.class))
                    .toJavaRDD().repartition(1).collect();
        } catch (RuntimeException | Error e) {
            HANDED_OVER.remove(exchangeRoot);
            throw e;
        }
        new ExchangeDirectory(exchangeRoot, 0, hadoop).deleteAll();
        Rounds rounds = null;
        int replicas = 0;
        CheckpointCost checkpointCost = null;
        double training = 0;
        double sync = 0;
        long written = 0;
        long read = 0;
        for (WorkerReport r : reports) {
            training += r.trainingSeconds() / reports.size();
            sync += r.syncSeconds() / reports.size();
            written += r.written();
            read += r.read();
            if (r.rounds() != null) {
                rounds = r.rounds();
                replicas = r.replicas();
                checkpointCost = r.checkpoints();
            }
        }
        if (rounds == null) {
            throw new IllegalStateException(plan.job() + ": worker 0 returned no report");
        }
        return new Outcome(rounds.items(), rounds.itemsThisRun(), rounds.loss(), rounds.history(), rounds.seconds(),
                rounds.count(), training, sync, written, read, replicas, checkpointCost);
    }

    /**
     * After training, on the driver: the final model. Worker 0 hands it over in memory when it ran in the driver's
     * JVM (local mode); otherwise it is read from the final checkpoint into the matrices {@code zeros} allocates.
     */
    public Parameters loadFinal(Supplier<Parameters> zeros) throws IOException {
        Parameters handed = HANDED_OVER.remove(exchangeRoot);
        if (handed != null) {
            return handed;
        }
        Parameters model = zeros.get();
        Progress last = checkpoints.loadNewest(model);
        if (last.roundsDone() != plan.totalRounds()) {
            throw new IOException(plan.job() + ": the newest checkpoint is of round " + last.roundsDone() + " of "
                    + plan.totalRounds() + ", not the last");
        }
        return model;
    }

    /** Deletes the checkpoints: the output they would resume is committed. */
    public void discard() {
        checkpoints.discard();
    }

    /**
     * Barrier mode needs a slot for every worker at once: waits a while for a cluster's executors to register, then
     * refuses with the numbers instead of letting Spark retry the stage for minutes.
     */
    public static void requireSlots(JavaSparkContext jsc, String job, int workers) throws IOException {
        long deadline = System.currentTimeMillis() + (jsc.isLocal() ? 0 : SLOT_WAIT_MILLIS);
        while (jsc.defaultParallelism() < workers) {
            if (System.currentTimeMillis() >= deadline) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: --workers %d needs %d task slots "
                        + "at once (one per worker), but %s has %d; lower --workers, or give it more cores or executors",
                        job, workers, workers, jsc.isLocal() ? "--master " + jsc.master()
                        : "the cluster", jsc.defaultParallelism()));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for executors", e);
            }
        }
    }

    /** A worker's task: its replica through all the rounds. */
    private static final class WorkerLoop<D> extends
            AbstractFunction1<scala.collection.Iterator<D>, scala.collection.Iterator<WorkerReport>>
            implements Serializable {

        private static final long serialVersionUID = 1L;

        private final Plan plan;
        private final ReplicaWorker<D> replicaWorker;
        private final SerializableConfiguration hadoop;
        private final String exchangeRoot;
        private final LongAccumulator itemsTrained;
        private final LongAccumulator bytesExchanged;

        WorkerLoop(Plan plan, ReplicaWorker<D> replicaWorker, SerializableConfiguration hadoop, String exchangeRoot,
                LongAccumulator itemsTrained, LongAccumulator bytesExchanged) {
            this.plan = plan;
            this.replicaWorker = replicaWorker;
            this.hadoop = hadoop;
            this.exchangeRoot = exchangeRoot;
            this.itemsTrained = itemsTrained;
            this.bytesExchanged = bytesExchanged;
        }

        @Override
        public scala.collection.Iterator<WorkerReport> apply(scala.collection.Iterator<D> data) {
            try {
                WorkerReport report = train(BarrierTaskContext.get(), JavaConverters.asJavaIterator(data));
                return JavaConverters.asScalaIterator(Collections.singletonList(report).iterator());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(plan.job() + ": " + e.getMessage(), e);
            }
        }

        private WorkerReport train(BarrierTaskContext context, java.util.Iterator<D> data) throws Exception {
            int worker = context.partitionId();
            ReplicaGroups groups = groups(context);
            int group = groups.groupOf(worker);
            SharedReplica shared = groups.size(group) == 1 ? null : SharedReplica.join(String.format(Locale.ROOT,
                    "%s#%d#%d", exchangeRoot, context.stageAttemptNumber(), group), groups.size(group));
            try {
                return train(context, data, worker, groups, shared);
            } catch (Exception | Error e) {
                if (shared != null) {
                    shared.fail(e);
                }
                throw e;
            } finally {
                if (shared != null) {
                    shared.leave();
                }
            }
        }

        /**
         * Whether this task runs in the driver's JVM (local mode), which can take the final model in memory: its
         * executor is the driver's ("driver", Spark's SparkContext.DRIVER_IDENTIFIER, which Java cannot see).
         */
        private static boolean inDriver() {
            return "driver".equals(SparkEnv.get().executorId());
        }

        /** The workers by replica: each its own, or those of one executor (by its address) one together. */
        private ReplicaGroups groups(BarrierTaskContext context) {
            if (plan.replicaScope() == ReplicaScope.WORKER) {
                return ReplicaGroups.separate(plan.workers());
            }
            BarrierTaskInfo[] tasks = context.getTaskInfos();
            String[] executors = new String[tasks.length];
            for (int w = 0; w < tasks.length; w++) {
                executors[w] = tasks[w].address();
            }
            return ReplicaGroups.byExecutor(executors);
        }

        /**
         * The rounds of one worker. The leader of a replica's group (its lowest worker) builds the replica and, after
         * every round's training, exchanges it with the other groups' leaders and checkpoints it while the group's
         * other workers wait ({@link SharedReplica}).
         */
        private WorkerReport train(BarrierTaskContext context, java.util.Iterator<D> data, int worker,
                ReplicaGroups groups, SharedReplica shared) throws Exception {
            int group = groups.groupOf(worker);
            int rank = groups.rank(worker);
            boolean leads = rank == 0;
            TrainingCheckpoints checkpoints = plan.checkpoints(hadoop.get());
            ReplicaWorker.Task task;
            Progress resumed = null;
            int roundsDone;
            if (leads) {
                task = replicaWorker.start(worker, data);
                resumed = checkpoints.loadNewest(task.replica());
                roundsDone = resumed.roundsDone();
                if (shared != null) {
                    shared.lead(task, roundsDone);
                }
            } else {
                task = replicaWorker.join(worker, data, shared.first());
                roundsDone = shared.resumedRounds();
            }
            task.beginAt(roundsDone);
            Parameters replica = task.replica();
            ExchangeDirectory store = new ExchangeDirectory(exchangeRoot, context.stageAttemptNumber(), hadoop);
            boolean exchanges = groups.count() > 1;
            ReplicaExchange exchange = leads && exchanges
                    ? new ReplicaExchange(group, groups.count(), replica, plan.merge(), store, task.hotRows()) : null;
            RoundLog log = worker == 0 ? new RoundLog(plan, resumed) : null;
            long trainingNanos = 0;
            long syncNanos = 0;
            ReplicaExchange.Traffic total = new ReplicaExchange.Traffic(0, 0);
            for (int done = roundsDone; done < plan.totalRounds(); done++) {
                context.killTaskIfInterrupted();
                int epoch = done / plan.roundsPerEpoch();
                int round = done % plan.roundsPerEpoch();
                long start = System.nanoTime();
                WorkerResult result = task.trainRound(done, epoch, round, exchanges);
                long trained = System.nanoTime();
                itemsTrained.add(result.items());
                if (shared != null) {
                    shared.trained(rank, task, result);
                }
                ReplicaExchange.Traffic traffic = new ReplicaExchange.Traffic(0, 0);
                if (leads) {
                    ReplicaExchange.PeerRound ours = shared == null
                            ? new ReplicaExchange.PeerRound(result.items(), result.loss()) : groupRound(shared, replica);
                    List<ReplicaExchange.PeerRound> results = List.of(ours);
                    if (exchange != null) {
                        traffic = exchange.sendChanges(done, ours.items(), ours.loss(), plan.fullRound(done));
                        traffic = traffic.plus(exchange.mergeOwned(done));
                        results = exchange.peers();
                        if (worker == 0 && done > roundsDone) {
                            store.deleteRound(done - 1);
                        }
                        traffic = traffic.plus(exchange.applyMerged(done));
                    }
                    if (log != null) {
                        Progress progress = log.roundDone(done, results, (trained - start) / 1e9,
                                (System.nanoTime() - trained) / 1e9, traffic);
                        if (done + 1 == plan.totalRounds() && inDriver()) {
                            HANDED_OVER.put(exchangeRoot, replica);
                        } else if (plan.fullRound(done)) {
                            checkpoints.roundDone(progress, replica, plan.totalRounds());
                        }
                    }
                }
                if (shared != null) {
                    shared.synced();
                }
                long synced = System.nanoTime();
                trainingNanos += trained - start;
                syncNanos += synced - trained;
                total = total.plus(traffic);
                bytesExchanged.add(traffic.written());
            }
            return new WorkerReport(trainingNanos / 1e9, syncNanos / 1e9, total.written(), total.read(),
                    log == null ? null : log.rounds(), groups.count(),
                    log == null ? null : checkpoints.cost());
        }

        /**
         * The round of a replica's group, read by its leader between the barriers: the workers' items and mean loss,
         * with their update counts added to the leader's (the rows the group changed).
         */
        private static ReplicaExchange.PeerRound groupRound(SharedReplica shared, Parameters replica) {
            List<ReplicaExchange.PeerRound> rounds = new ArrayList<>();
            for (int rank = 0; rank < shared.size(); rank++) {
                WorkerResult result = shared.result(rank);
                rounds.add(new ReplicaExchange.PeerRound(result.items(), result.loss()));
                RowUpdates updates = shared.task(rank).replica().updates();
                if (rank > 0 && updates != null && updates != replica.updates()) {
                    replica.updates().add(updates);
                }
            }
            return ReplicaExchange.PeerRound.combined(rounds);
        }
    }

    /** Worker 0's account of the rounds: the log line, the history the report plots, the checkpoints' progress. */
    private static final class RoundLog {
        private final Plan plan;
        private final Progress resumed;
        private final List<TrainingRound> history;
        private final long start = System.nanoTime();
        private long items;
        private double loss;
        private int rounds;

        RoundLog(Plan plan, Progress resumed) {
            this.plan = plan;
            this.resumed = resumed;
            this.history = new ArrayList<>(resumed.history());
            this.items = resumed.items();
            this.loss = resumed.lastLoss();
        }

        Progress roundDone(int done, List<ReplicaExchange.PeerRound> results, double trainSeconds,
                double syncSeconds, ReplicaExchange.Traffic traffic) {
            ReplicaExchange.PeerRound all = ReplicaExchange.PeerRound.combined(results);
            long roundItems = all.items();
            loss = all.loss();
            items += roundItems;
            rounds++;
            double roundSeconds = trainSeconds + syncSeconds;
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed / rounds * (plan.totalRounds() - done - 1);
            int epoch = done / plan.roundsPerEpoch();
            int round = done % plan.roundsPerEpoch();
            LOG.info(String.format(Locale.ROOT, "%s: epoch %d/%d round %d/%d: %,d %s in %.1f s (%,.0f %s/s), loss "
                    + "%.5f; training %.1f s, sync %.1f s (worker 0 wrote %,d MB, read %,d MB), ETA %.0f s", plan.job(),
                    epoch + 1, plan.epochs(), round + 1, plan.roundsPerEpoch(), roundItems, plan.unit(),
                    roundSeconds, roundItems / roundSeconds, plan.unit(), loss, trainSeconds, syncSeconds,
                    traffic.written() >> 20, traffic.read() >> 20, eta));
            history.add(TrainingRound.of(plan.unit(), epoch + 1, round + 1, items, loss, roundItems / roundSeconds));
            return new Progress(done + 1, items, history);
        }

        Rounds rounds() {
            return new Rounds(items, items - resumed.items(), loss, history, (System.nanoTime() - start) / 1e9, rounds);
        }
    }
}
