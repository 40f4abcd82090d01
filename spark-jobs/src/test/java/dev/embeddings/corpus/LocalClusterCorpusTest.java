package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embeddings.testing.Corpora;
import dev.embeddings.testing.TestSpark;
import dev.embeddings.vocab.Vocabulary;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The corpus job on a real multi-JVM Spark cluster (two executor JVMs), as on a cluster. */
@Timeout(300)
class LocalClusterCorpusTest {

    @TempDir
    Path dir;

    @Test
    void runsOnTwoExecutorJvms() throws Exception {
        List<String> lines = Corpora.lines(31, 4000, 300);
        Corpora.writePlain(dir.resolve("a.txt"), lines.subList(0, 2000));
        Corpora.writeGzip(dir.resolve("b.txt.gz"), lines.subList(2000, 4000));
        SparkSession spark = TestSpark.localCluster(2);
        try {
            CorpusConfig config = new CorpusConfig(List.of(dir.toString()), dir.resolve("out").toString(), 2, 0,
                    true, 4, SentenceOrder.SHUFFLED, 100, 1000, CorpusConfig.DEFAULT_MAX_CHUNK_BYTES, false);
            CorpusManifest m = new CorpusJob(spark, config).run();
            // The status map lists the driver's block manager and one per executor JVM.
            int executors = spark.sparkContext().getExecutorMemoryStatus().size() - 1;
            assertEquals(2, executors, "executor JVMs registered");
            try (InputStream in = Files.newInputStream(dir.resolve("out/vocab.tsv"))) {
                assertArrayEquals(Vocabulary.fromCounts(Corpora.count(lines), 2, 0).words(),
                        Vocabulary.read(in, "vocab.tsv").words());
            }
            assertEquals(4, m.shards().size());
            assertEquals(lines.size(), m.counts().lines());
        } finally {
            spark.stop();
        }
    }
}
