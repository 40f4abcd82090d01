package dev.embeddings.averaging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Synchronous parameter averaging on Spark. In a round, N tasks (workers) each copy the broadcast parameters,
 * train their copy on their own data, and emit their changes cut into blocks of rows; blocks no row of which
 * changed are not shipped. The shuffle sums each block's contributions on the executors (in worker order, so the
 * result is deterministic), and the driver receives one summed block per changed block — about one model, however
 * many workers — and applies the per-row weighted average ({@link RowBlockSum}).
 *
 * <p>Memory per executor: the broadcast parameters, plus one trained copy per concurrent task; the driver holds the
 * parameters and the summed blocks of one round.
 */
public final class ParameterAveraging {

    /** Rows per shipped block: large enough to amortise per-record overhead, small enough to skip unchanged tails. */
    static final int BLOCK_ROWS = 512;
    private static final int STATS = -1;

    private final JavaSparkContext jsc;
    private final int workers;
    private final MergeRule rule;

    public ParameterAveraging(JavaSparkContext jsc, int workers, MergeRule rule) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.jsc = jsc;
        this.workers = workers;
        this.rule = rule;
    }

    /** The outcome of a round: each worker's result, in worker order. */
    public record Round(List<WorkerResult> results) {
        public long items() {
            return results.stream().mapToLong(WorkerResult::items).sum();
        }

        /** Mean loss weighted by items. */
        public double loss() {
            double weighted = 0;
            long items = 0;
            for (WorkerResult r : results) {
                if (r.items() > 0 && !Double.isNaN(r.loss())) {
                    weighted += r.loss() * r.items();
                    items += r.items();
                }
            }
            return items == 0 ? Double.NaN : weighted / items;
        }
    }

    /**
     * Runs one round in which worker i's data is nothing but its index (it finds its own data, e.g. shard slices
     * named in the training closure), and updates {@code parameters} in place to the average.
     */
    public Round round(Parameters parameters, WorkerTraining<Integer> training) {
        List<Integer> ids = IntStream.range(0, workers).boxed().toList();
        return round(parameters, jsc.parallelize(ids, workers), training);
    }

    /**
     * Runs one round in which worker i trains on partition i of {@code data} (which must have one partition per
     * worker; cache it when it is used every round), and updates {@code parameters} in place to the average.
     */
    public <D> Round round(Parameters parameters, JavaRDD<D> data, WorkerTraining<D> training) {
        if (data.getNumPartitions() != workers) {
            throw new IllegalArgumentException("the data has " + data.getNumPartitions() + " partitions for "
                    + workers + " workers");
        }
        Broadcast<Parameters> start = jsc.broadcast(parameters);
        try {
            JavaPairRDD<Long, Contribution> contributions = data
                    .mapPartitionsWithIndex((worker, records) -> {
                        Parameters trained = start.value().copy();
                        WorkerResult result = training.train(worker, records, trained);
                        return (Iterator<Tuple2<Long, Contribution>>) new Contributions(worker, start.value(),
                                trained, result);
                    }, true)
                    .mapToPair(t -> t);
            List<Tuple2<Long, Contribution>> summed;
            if (workers == 1) {
                // Each block's sum is the one worker's block: skip the shuffle (a serialised copy of the model).
                summed = contributions.collect();
            } else {
                int reducers = Math.max(1, Math.min(jsc.defaultParallelism(), 4 * workers));
                summed = contributions
                        .groupByKey(reducers)
                        .mapValues(ParameterAveraging::sumInWorkerOrder)
                        .collect();
            }
            List<WorkerResult> results = new ArrayList<>();
            for (Tuple2<Long, Contribution> t : summed) {
                int matrix = (int) (t._1() >> 32);
                int block = (int) (long) t._1();
                if (matrix == STATS) {
                    results.addAll(t._2().results);
                } else {
                    t._2().rows.applyTo(parameters.matrix(matrix), parameters.width(matrix), block * BLOCK_ROWS,
                            rule);
                }
            }
            return new Round(results);
        } finally {
            start.destroy();
        }
    }

    private static Contribution sumInWorkerOrder(Iterable<Contribution> contributions) {
        List<Contribution> list = new ArrayList<>();
        contributions.forEach(list::add);
        list.sort(Comparator.comparingInt(c -> c.worker));
        Contribution first = list.get(0);
        if (first.rows == null) {
            List<WorkerResult> all = new ArrayList<>();
            list.forEach(c -> all.addAll(c.results));
            return new Contribution(-1, null, all);
        }
        RowBlockSum sum = first.rows;
        for (int i = 1; i < list.size(); i++) {
            sum = sum.add(list.get(i).rows);
        }
        return new Contribution(-1, sum, null);
    }

    private static long key(int matrix, int block) {
        return ((long) matrix << 32) | (block & 0xFFFFFFFFL);
    }

    /** One worker's changed row block, or (with rows null) its round results. */
    static final class Contribution implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final int worker;
        final RowBlockSum rows;
        final List<WorkerResult> results;

        Contribution(int worker, RowBlockSum rows, List<WorkerResult> results) {
            this.worker = worker;
            this.rows = rows;
            this.results = results;
        }
    }

    /** A worker's round result, then its changed blocks, computed one at a time. */
    private static final class Contributions implements Iterator<Tuple2<Long, Contribution>> {
        private final int worker;
        private final Parameters start;
        private final Parameters trained;
        private final double weight;
        private Tuple2<Long, Contribution> next;
        private int matrix;
        private int block;

        Contributions(int worker, Parameters start, Parameters trained, WorkerResult result) {
            this.worker = worker;
            this.start = start;
            this.trained = trained;
            this.weight = Math.max(1, result.items());
            this.next = new Tuple2<>(key(STATS, worker), new Contribution(worker, null, List.of(result)));
        }

        @Override
        public boolean hasNext() {
            while (next == null && matrix < start.count()) {
                int rows = start.rows(matrix);
                int first = block * BLOCK_ROWS;
                if (first >= rows) {
                    matrix++;
                    block = 0;
                    continue;
                }
                RowUpdates updates = trained.updates();
                RowBlockSum change = RowBlockSum.of(start.matrix(matrix), trained.matrix(matrix),
                        start.width(matrix), first, Math.min(BLOCK_ROWS, rows - first), weight,
                        updates == null ? null : updates.of(matrix), updates == null ? 0 : updates.contraction());
                if (change != null) {
                    next = new Tuple2<>(key(matrix, block), new Contribution(worker, change, null));
                }
                block++;
            }
            return next != null;
        }

        @Override
        public Tuple2<Long, Contribution> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Tuple2<Long, Contribution> out = next;
            next = null;
            return out;
        }
    }
}
