package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embeddings.testing.Corpora;
import dev.embeddings.testing.TestHdfs;
import dev.embeddings.testing.TestSpark;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The corpus job reading from and writing to a real HDFS (MiniDFSCluster: a NameNode and a DataNode). */
@Timeout(300)
class HdfsCorpusTest {

    @TempDir
    Path dir;

    @Test
    void readsTheCorpusFromHdfsAndWritesTheOutputThere() throws Exception {
        SparkSession spark = TestSpark.local();
        try (TestHdfs hdfs = TestHdfs.start(dir)) {
            FileSystem fs = hdfs.fileSystem();
            String root = fs.getUri().toString();
            List<String> lines = Corpora.lines(21, 2000, 200);
            try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/data/corpus.txt"))) {
                out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            CorpusConfig config = new CorpusConfig(List.of(root + "/data"), root + "/out/corpus", 2, 0, true, 2,
                    SentenceOrder.SHUFFLED, 100, 1000, CorpusConfig.DEFAULT_MAX_CHUNK_BYTES, false);
            CorpusManifest m = new CorpusJob(spark, config).run();

            Vocabulary v;
            try (InputStream in = fs.open(new org.apache.hadoop.fs.Path("/out/corpus/vocab.tsv"))) {
                v = Vocabulary.read(in, "vocab.tsv");
            }
            assertArrayEquals(Vocabulary.fromCounts(Corpora.count(lines), 2, 0).words(), v.words());
            assertEquals(2, m.shards().size());
            for (CorpusManifest.Shard shard : m.shards()) {
                assertEquals(shard.bytes(), fs.getFileStatus(new org.apache.hadoop.fs.Path("/out/corpus/"
                        + shard.file())).getLen());
            }
            assertEquals(lines.size(), m.counts().lines());
        } finally {
            spark.stop();
        }
    }
}
