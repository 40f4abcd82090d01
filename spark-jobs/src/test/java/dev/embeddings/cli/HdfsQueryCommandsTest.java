package dev.embeddings.cli;

import static dev.embeddings.cli.SmallVectors.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.cli.SmallVectors.Run;
import dev.embeddings.formats.VectorFormat;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.TrainingMetrics;
import dev.embeddings.manifest.TrainingParameters;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.testing.TestHdfs;
import dev.embeddings.vectors.WordVectors;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The query commands on a real HDFS (MiniDFSCluster): reading vectors and sets, writing conversions and reports. */
@Timeout(300)
class HdfsQueryCommandsTest {

    @TempDir
    Path dir;

    @Test
    void readAndWriteHdfsPaths() throws Exception {
        try (TestHdfs hdfs = TestHdfs.start(dir)) {
            FileSystem fs = hdfs.fileSystem();
            String root = fs.getUri().toString();
            SmallVectors.vectors().writeTo(fs.create(new org.apache.hadoop.fs.Path("/run/vectors.bin")),
                    "vectors.bin", VectorFormat.WORD2VEC_BINARY);
            try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/run/manifest.json"))) {
                Json.write(out, new VectorsManifest("embeddings-dev", "test", "word2vec",
                        TrainingParameters.of(Map.of()), null, 5, 4, TrainingMetrics.NONE, null, List.of(), null, null));
            }
            try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/sets/analogies.txt"))) {
                out.write(": family\nman woman king queen\n".getBytes(StandardCharsets.UTF_8));
            }

            Run nearest = run("nearest", "--vectors", root + "/run", "king", "--k", "1");
            assertEquals(0, nearest.status(), nearest.err());
            assertTrue(nearest.out().contains("queen"), nearest.out());

            Run evaluate = run("evaluate", "--vectors", root + "/run", "--analogy", root + "/sets/analogies.txt",
                    "--json");
            assertEquals(0, evaluate.status(), evaluate.err());
            assertTrue(evaluate.out().contains("\"analogies.txt\""), evaluate.out());

            Run convert = run("convert", "--input", root + "/run/vectors.bin", "--output", root + "/out/v.txt",
                    "--format", "txt");
            assertEquals(0, convert.status(), convert.err());
            try (InputStream in = fs.open(new org.apache.hadoop.fs.Path("/out/v.txt"))) {
                WordVectors back = WordVectors.load(in, "v.txt");
                assertArrayEquals(SmallVectors.vectors().vector("queen"), back.vector("queen"));
            }
            assertEquals(List.of("v.txt"), Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path("/out")))
                    .map(s -> s.getPath().getName()).toList(), "no temporary file left");

            Run report = run("report", "--vectors", root + "/run");
            assertEquals(0, report.status(), report.err());
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/run/report.html")));
        }
    }
}
