package dev.embeddings.glove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.corpus.CorpusDirectory;
import dev.embeddings.corpus.CorpusManifest;
import dev.embeddings.corpus.ShardReader;
import dev.embeddings.spark.SerializableConfiguration;
import dev.embeddings.testing.PlantedCorpus;
import dev.embeddings.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Co-occurrence counted on Spark, with spills and a shuffle to owner partitions, equals a direct count. */
@Timeout(300)
class CooccurrenceCountingTest {

    @TempDir
    Path dir;

    @Test
    void sparkCountsEqualADirectCountAndEachRowLivesInItsOwnerPartition() throws IOException {
        SparkSession spark = TestSpark.local();
        try {
            PlantedCorpus planted = PlantedCorpus.create(spark, dir, 3000, 3);
            CorpusDirectory corpus = CorpusDirectory.open(planted.corpusDir(), new Configuration());
            // A 1 MB map holds ~50,000 entries: the counters spill several times.
            GloveConfig config = new GloveConfig(20, 4, true, 100, 0.75, 1, 0.05, 100, 1, 1,
                    OutputVectors.WORD_PLUS_CONTEXT, 1);
            int partitions = 3;
            List<CooccurrenceBlock> blocks = CooccurrenceCounting.count(JavaSparkContext.fromSparkContext(
                    spark.sparkContext()), corpus, config, partitions, new SerializableConfiguration(new Configuration()))
                    .collect();
            assertEquals(partitions, blocks.size());

            Map<Long, Double> counted = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                CooccurrenceBlock block = blocks.get(p);
                for (int k = 0; k < block.size(); k++) {
                    assertEquals(p, CooccurrenceCounting.owner(block.row(k), partitions), "row in its owner");
                    Double before = counted.put(CooccurrenceBlock.key(block.row(k), block.col(k)),
                            (double) block.value(k));
                    assertEquals(null, before, "each pair once after merging");
                }
            }
            Map<Long, Double> direct = directCount(corpus, 4);
            assertEquals(direct.size(), counted.size());
            for (Map.Entry<Long, Double> e : direct.entrySet()) {
                double got = counted.getOrDefault(e.getKey(), 0.0);
                assertEquals(e.getValue(), got, 1e-4 * Math.max(1, e.getValue()), "pair " + e.getKey());
            }
            assertTrue(direct.size() > 10_000, "a non-trivial matrix: " + direct.size());
        } finally {
            spark.stop();
        }
    }

    /** Symmetric 1/distance counts within the window, sentence by sentence, written independently of the kernel. */
    private static Map<Long, Double> directCount(CorpusDirectory corpus, int window) throws IOException {
        Map<Long, Double> counts = new HashMap<>();
        for (CorpusManifest.Shard shard : corpus.manifest().shards()) {
            Path file = Path.of(java.net.URI.create(corpus.shardPath(shard)));
            try (ShardReader r = new ShardReader(Files.newInputStream(file), shard.file(), corpus.vocabulary().size())) {
                int n;
                while ((n = r.next()) >= 0) {
                    int[] s = r.ids();
                    for (int i = 0; i < n; i++) {
                        for (int d = 1; d <= window && i - d >= 0; d++) {
                            counts.merge(CooccurrenceBlock.key(s[i], s[i - d]), 1.0 / d, Double::sum);
                            counts.merge(CooccurrenceBlock.key(s[i - d], s[i]), 1.0 / d, Double::sum);
                        }
                    }
                }
            }
        }
        return counts;
    }
}
