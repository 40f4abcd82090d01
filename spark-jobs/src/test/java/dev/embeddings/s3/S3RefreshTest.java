package dev.embeddings.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.cli.Main;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.publish.PublishConfig;
import dev.embeddings.publish.PublishedVersion;
import dev.embeddings.publish.VectorsRepository;
import dev.embeddings.refresh.RefreshRecord;
import dev.embeddings.testing.Corpora;
import dev.embeddings.testing.SentimentFiles;
import dev.embeddings.testing.TestS3;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Scheduled refreshes reading s3a text and publishing to an s3a root on a real S3-compatible server (S3Proxy). */
@Timeout(300)
class S3RefreshTest {

    @TempDir
    static Path dir;

    static TestS3 s3;
    static FileSystem fs;

    @BeforeAll
    static void startServer() throws Exception {
        s3 = TestS3.start(dir, "data");
        s3.settings().forEach((key, value) -> System.setProperty("spark.hadoop." + key, value));
        fs = new org.apache.hadoop.fs.Path("s3a://data/").getFileSystem(s3.conf());
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.settings().keySet().forEach(key -> System.clearProperty("spark.hadoop." + key));
        s3.close();
    }

    @Test
    void twoRefreshesPublishTwoVersionsThatReadersFindThroughLatest() throws Exception {
        List<String> lines = Corpora.lines(9, 4000, 120);
        write("s3a://data/text/a.txt", lines.subList(0, 3000));
        assertEquals("published version 000001 to s3a://data/root", refresh());
        write("s3a://data/text/b.txt", lines.subList(3000, lines.size()));
        assertEquals("published version 000002 to s3a://data/root", refresh());

        assertEquals("000002\n", read("s3a://data/root/LATEST"));
        VectorsRepository repository = VectorsRepository.open(PublishConfig.of("s3a://data/root"), s3.conf());
        assertEquals(List.of("000001", "000002"), repository.versionIds());
        PublishedVersion current = repository.current().orElseThrow();
        assertEquals("000002", current.id());
        assertTrue(current.manifest().files().stream().anyMatch(f -> f.name().equals("drift.tsv")),
                "aligned to version 1");
        try (InputStream in = repository.open(current, VectorsManifest.BINARY)) {
            assertTrue(in.readAllBytes().length > 0);
        }
    }

    /**
     * Downstream models on an object store: the version's vectors are copied to the driver for fine-tuning, the
     * models are written beside them under the manifest written last, the next refresh re-scores the published model
     * from S3, and predict reads the model through LATEST.
     */
    @Test
    void downstreamModelsArePublishedOnS3AndPredictReadsThemThroughLatest() throws Exception {
        Path train = SentimentFiles.write(dir.resolve("train.tsv"), 300, 1);
        Path dev = SentimentFiles.write(dir.resolve("dev.tsv"), 100, 2);
        Path config = Files.write(dir.resolve("downstream.properties"), List.of("downstream = sentiment",
                "downstream.sentiment.task = classification", "downstream.sentiment.model = average",
                "downstream.sentiment.train = " + train, "downstream.sentiment.dev = " + dev,
                "downstream.sentiment.epochs = 3", "downstream.sentiment.batch = 16", "downstream.sentiment.lr = 0.02"));
        List<String> lines = Corpora.lines(9, 4000, 120);
        write("s3a://data/models-text/a.txt", lines.subList(0, 3000));
        String root = "s3a://data/models-root";
        assertEquals("published version 000001 to " + root, refresh("s3a://data/models-text", root, "--config",
                config.toString(), "--downstream-tolerance", "100"));
        write("s3a://data/models-text/b.txt", lines.subList(3000, lines.size()));
        assertEquals("published version 000002 to " + root, refresh("s3a://data/models-text", root, "--config",
                config.toString(), "--downstream-tolerance", "100"));

        VectorsRepository repository = VectorsRepository.open(PublishConfig.of(root), s3.conf());
        PublishedVersion current = repository.current().orElseThrow();
        assertTrue(current.manifest().files().stream().anyMatch(f -> f.name().equals("models/sentiment/model.zip")),
                "the model is listed and verified with the vectors");
        RefreshRecord record;
        try (InputStream in = repository.open(current, RefreshRecord.FILE)) {
            record = Json.read(in, RefreshRecord.class, RefreshRecord.FILE);
        }
        assertNotNull(record.downstream().get(0).previousScore(), "re-scored version 1's model, read from S3");

        Path input = Files.write(dir.resolve("input.txt"), SentimentFiles.texts(dev));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "predict", "--model",
                root, "--input", input.toString()), err.toString());
        List<String> gold = SentimentFiles.labels(dev);
        List<String> predicted = out.toString().lines().map(l -> l.substring(0, l.indexOf('\t'))).toList();
        assertEquals(gold.size(), predicted.size());
        long right = IntStream.range(0, gold.size()).filter(i -> gold.get(i).equals(predicted.get(i))).count();
        assertTrue(right > 0.9 * gold.size(), right + " of " + gold.size() + " right");
    }

    private static String refresh() {
        return refresh("s3a://data/text", "s3a://data/root");
    }

    private static String refresh(String input, String root, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("refresh", "--master", "local[2]", "--input", input, "--root",
                root, "--dim", "16", "--epochs", "1", "--min-count", "2", "--shards", "2", "--syncs-per-epoch", "1"));
        args.addAll(List.of(more));
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertEquals(0, status, err.toString());
        return out.toString().lines().filter(l -> l.startsWith("published")).findFirst().orElse(out.toString());
    }

    private static void write(String path, List<String> lines) throws Exception {
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(path))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(String path) throws Exception {
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
