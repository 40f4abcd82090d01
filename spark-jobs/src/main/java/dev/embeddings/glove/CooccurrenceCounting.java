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
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Co-occurrence counting on Spark. One task per shard counts X_ij with a bounded {@link CooccurrenceCounter};
 * each time its map fills, the partial sums are cut by owner partition (a hash of the row i) and shuffled, so the
 * shuffle carries partial sums, never single pairs. Partition p then merges what it received into one sorted
 * {@link CooccurrenceBlock}: the entries of the rows worker p trains. The result is cached for the training rounds.
 *
 * <p>Memory per executor: a counting task holds its counter's map (--cooccurrence-buffer-mb) and one spilled
 * block; a merging task holds its partition's partial blocks and the merged block (12 bytes per entry each).
 */
final class CooccurrenceCounting {

    private CooccurrenceCounting() {
    }

    static JavaRDD<CooccurrenceBlock> count(JavaSparkContext jsc, CorpusDirectory corpus, GloveConfig config,
            int partitions, SerializableConfiguration hadoop) {
        List<String> shards = new ArrayList<>();
        for (CorpusManifest.Shard shard : corpus.manifest().shards()) {
            shards.add(corpus.shardPath(shard));
        }
        int vocabularySize = corpus.vocabulary().size();
        JavaRDD<CooccurrenceBlock> blocks = jsc.parallelize(shards, shards.size())
                .flatMapToPair(path -> new ShardCounts(path, vocabularySize, config, partitions, hadoop))
                .partitionBy(new HashPartitioner(partitions))
                .mapPartitions(parts -> {
                    List<CooccurrenceBlock> received = new ArrayList<>();
                    parts.forEachRemaining(t -> received.add(t._2()));
                    return List.of(received.isEmpty() ? CooccurrenceBlock.empty()
                            : CooccurrenceBlock.sum(received)).iterator();
                }, true);
        return blocks.persist(StorageLevel.MEMORY_AND_DISK());
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
        private final int partitions;
        private boolean done;

        ShardCounts(String path, int vocabularySize, GloveConfig config, int partitions,
                SerializableConfiguration hadoop) throws IOException {
            Path p = new Path(path);
            this.reader = new ShardReader(p.getFileSystem(hadoop.get()).open(p), path, vocabularySize);
            this.partitions = partitions;
            this.counter = CooccurrenceCounter.fromConfig(config, this::split);
        }

        private void split(CooccurrenceBlock block) {
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
                    ready.add(new Tuple2<>(p, new CooccurrenceBlock(rows[p], cols[p], values[p], sizes[p])));
                }
            }
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
