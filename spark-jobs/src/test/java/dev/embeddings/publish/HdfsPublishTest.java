package dev.embeddings.publish;

import dev.embeddings.manifest.VectorsManifest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embeddings.testing.TestHdfs;
import dev.embeddings.vectors.WordVectors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Publishing to a real HDFS (MiniDFSCluster), where LATEST is replaced by an overwriting rename. */
@Timeout(300)
class HdfsPublishTest {

    @TempDir
    Path dir;

    @Test
    void publishesLocalOutputsToHdfsAndReadersFollowLatest() throws Exception {
        try (TestHdfs hdfs = TestHdfs.start(dir)) {
            Configuration conf = hdfs.conf();
            String root = hdfs.uri() + "/vectors";
            PublishConfig config = new PublishConfig(root, 1, Duration.ofHours(1));
            VectorsDirectories.write(dir.resolve("a").toString(), 1, conf);
            float[] second = VectorsDirectories.write(dir.resolve("b").toString(), 2, conf);

            VectorsRepository.open(config, conf).publish(dir.resolve("a").toString());
            VectorsRepository.open(config, conf).publish(dir.resolve("b").toString());

            VectorsRepository reader = VectorsRepository.open(config, conf);
            PublishedVersion current = reader.current().orElseThrow();
            assertEquals("000002", current.id());
            assertEquals(java.util.List.of("000002"), reader.versionIds());
            WordVectors vectors = WordVectors.load(reader.open(current, VectorsManifest.BINARY), current.id());
            int queen = vectors.id("queen");
            assertArrayEquals(Arrays.copyOfRange(second, queen * VectorsDirectories.DIM,
                    (queen + 1) * VectorsDirectories.DIM), vectors.vector("queen"));
        }
    }
}
