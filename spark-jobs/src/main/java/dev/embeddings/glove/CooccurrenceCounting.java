package dev.embeddings.glove;

import dev.embeddings.corpus.CorpusDirectory;
import dev.embeddings.corpus.CorpusManifest;
import dev.embeddings.corpus.ShardReader;
import dev.embeddings.spark.SerializableConfiguration;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Co-occurrence counting on Spark. One task per shard counts X_ij with a bounded {@link CooccurrenceCounter};
 * each time its map fills, the partial sums are cut by owner partition (a hash of the row i) and shuffled, so the
 * shuffle carries partial sums, never single pairs. Partition p then merges what it received into one sorted
 * {@link CooccurrenceBlock}: the entries of the rows worker p trains.
 *
 * <p>Memory per executor: a counting task holds its counter's map (--cooccurrence-buffer-mb) and one spilled
 * block; a merging task holds its partition's partial blocks and the merged block (12 bytes per entry each).
 */
final class CooccurrenceCounting {

    private CooccurrenceCounting() {
    }

    /** The counts of the corpus, one merged block per owner partition (not cached: the caller persists it). */
    static JavaRDD<CooccurrenceBlock> count(JavaSparkContext jsc, CorpusDirectory corpus, GloveConfig config,
            int partitions, SerializableConfiguration hadoop) {
        List<String> shards = new ArrayList<>();
        for (CorpusManifest.Shard shard : corpus.manifest().shards()) {
            shards.add(corpus.shardPath(shard));
        }
        int vocabularySize = corpus.vocabulary().size();
        return mergeByOwner(jsc.parallelize(shards, shards.size())
                .flatMapToPair(path -> new ShardCounts(path, vocabularySize, config, partitions, hadoop)), partitions);
    }

    /**
     * Blocks whose rows were cut by another number of partitions (a saved matrix), re-cut to {@code partitions}
     * owners. A task holds its block and the pieces cut from it (12 bytes per entry each).
     */
    static JavaRDD<CooccurrenceBlock> repartition(JavaRDD<CooccurrenceBlock> blocks, int partitions) {
        return mergeByOwner(blocks.flatMapToPair(block -> {
            List<Tuple2<Integer, CooccurrenceBlock>> pieces = new ArrayList<>();
            splitByOwner(block, partitions, pieces::add);
            return pieces.iterator();
        }), partitions);
    }

    /** Shuffles (owner, sorted partial block) pairs to their owners, where each partition sums what it receives. */
    private static JavaRDD<CooccurrenceBlock> mergeByOwner(JavaPairRDD<Integer, CooccurrenceBlock> pieces,
            int partitions) {
        return pieces.partitionBy(new HashPartitioner(partitions))
                .mapPartitions(parts -> {
                    List<CooccurrenceBlock> received = new ArrayList<>();
                    parts.forEachRemaining(t -> received.add(t._2()));
                    return List.of(received.isEmpty() ? CooccurrenceBlock.empty()
                            : CooccurrenceBlock.sum(received)).iterator();
                }, true);
    }

    /** Cuts a sorted block into one sorted piece per owner partition that has rows in it. */
    private static void splitByOwner(CooccurrenceBlock block, int partitions,
            Consumer<Tuple2<Integer, CooccurrenceBlock>> out) {
        int[] sizes = new int[partitions];
        for (int k = 0; k < block.size(); k++) {
            sizes[owner(block.row(k), partitions)]++;
        }
        int[][] rows = new int[partitions][];
        int[][] cols = new int[partitions][];
        float[][] values = new float[partitions][];
        for (int p = 0; p < partitions; p++) {
            rows[p] = new int[sizes[p]];
            cols[p] = new int[sizes[p]];
            values[p] = new float[sizes[p]];
        }
        int[] fill = new int[partitions];
        for (int k = 0; k < block.size(); k++) {
            int p = owner(block.row(k), partitions);
            rows[p][fill[p]] = block.row(k);
            cols[p][fill[p]] = block.col(k);
            values[p][fill[p]++] = block.value(k);
        }
        for (int p = 0; p < partitions; p++) {
            if (sizes[p] > 0) {
                out.accept(new Tuple2<>(p, new CooccurrenceBlock(rows[p], cols[p], values[p], sizes[p])));
            }
        }
    }

    /** The partition that owns row i: a multiplicative hash, so frequent and rare rows spread evenly. */
    static int owner(int row, int partitions) {
        return (int) (((row * 0x9E3779B97F4A7C15L) >>> 33) % partitions);
    }

    /** Lazily counts one shard, yielding (owner partition, partial block) pairs after each spill. */
    private static final class ShardCounts implements Iterator<Tuple2<Integer, CooccurrenceBlock>> {
        private final ArrayDeque<Tuple2<Integer, CooccurrenceBlock>> ready = new ArrayDeque<>();
        private final ShardReader reader;
        private final CooccurrenceCounter counter;
        private boolean done;

        ShardCounts(String path, int vocabularySize, GloveConfig config, int partitions,
                SerializableConfiguration hadoop) throws IOException {
            Path p = new Path(path);
            this.reader = new ShardReader(p.getFileSystem(hadoop.get()).open(p), path, vocabularySize);
            this.counter = CooccurrenceCounter.fromConfig(config, block -> splitByOwner(block, partitions, ready::add));
        }

        @Override
        public boolean hasNext() {
            try {
                while (ready.isEmpty() && !done) {
                    int n = reader.next();
                    if (n < 0) {
                        counter.flush();
                        reader.close();
                        done = true;
                    } else {
                        counter.addSentence(reader.ids(), 0, n);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return !ready.isEmpty();
        }

        @Override
        public Tuple2<Integer, CooccurrenceBlock> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }
    }
}
