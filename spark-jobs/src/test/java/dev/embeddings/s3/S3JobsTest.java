package dev.embeddings.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.cli.Main;
import dev.embeddings.corpus.CorpusManifest;
import dev.embeddings.io.Json;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.publish.ManifestChecksums;
import dev.embeddings.testing.Corpora;
import dev.embeddings.testing.TestS3;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.vocab.Vocabulary;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus, word2vec and glove commands reading from and writing to s3a:// on a real S3-compatible server (S3Proxy on
 * the loopback), configured as a user would: spark.hadoop.fs.s3a.* settings the driver reads.
 */
@Timeout(300)
class S3JobsTest {

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
    void corpusFromPlainAndGzippedS3TextThenWord2VecAndGloveToS3() throws Exception {
        List<String> lines = Corpora.lines(5, 3000, 150);
        List<String> plain = lines.subList(0, 1500);
        List<String> gzipped = lines.subList(1500, lines.size());
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("s3a://data/text/a.txt"))) {
            out.write((String.join("\n", plain) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out = new GZIPOutputStream(fs.create(new org.apache.hadoop.fs.Path(
                "s3a://data/text/more/b.txt.gz")))) {
            out.write((String.join("\n", gzipped) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        assertEquals(0, run("corpus", "--master", "local[2]", "--input", "s3a://data/text", "--output",
                "s3a://data/corpus", "--shards", "2", "--min-count", "2"));
        org.apache.hadoop.fs.Path corpus = new org.apache.hadoop.fs.Path("s3a://data/corpus");
        Vocabulary vocabulary;
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(corpus, CorpusManifest.VOCABULARY_FILE))) {
            vocabulary = Vocabulary.read(in, "vocab.tsv");
        }
        assertArrayEquals(Vocabulary.fromCounts(Corpora.count(lines), 2, 0).words(), vocabulary.words(),
                "both files read, the .gz decompressed");
        CorpusManifest manifest;
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(corpus, CorpusManifest.FILE))) {
            manifest = Json.read(in, CorpusManifest.class, "manifest.json");
        }
        assertEquals(lines.size(), manifest.counts().lines());
        assertEquals(List.of(), hidden(new org.apache.hadoop.fs.Path("s3a://data/")), "no staging left");

        assertEquals(0, run("word2vec", "--master", "local[2]", "--corpus", "s3a://data/corpus", "--output",
                "s3a://data/vectors", "--dim", "16", "--epochs", "1", "--workers", "2", "--threads", "1",
                "--syncs-per-epoch", "2"));
        org.apache.hadoop.fs.Path vectors = new org.apache.hadoop.fs.Path("s3a://data/vectors");
        VectorsManifest written = ManifestChecksums.verify(fs, vectors);
        assertEquals(vocabulary.size(), written.vocabularySize());
        WordVectors loaded;
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(vectors, VectorsManifest.BINARY))) {
            loaded = WordVectors.load(in, "vectors.bin");
        }
        assertEquals(16, loaded.dimension());
        assertEquals(vocabulary.size(), loaded.size());
        assertEquals(List.of(), hidden(new org.apache.hadoop.fs.Path("s3a://data/")),
                "no staging, checkpoint or exchange folder left");
        // A query outside Spark reads s3a with the same spark.hadoop.* settings.
        StringWriter out = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "nearest",
                "--vectors", "s3a://data/vectors", Corpora.word(0), "--k", "3"));
        assertEquals(3, out.toString().lines().filter(l -> l.matches(".*\\d\\.\\d+.*")).count(), out.toString());

        assertEquals(0, run("glove", "--master", "local[2]", "--corpus", "s3a://data/corpus", "--output",
                "s3a://data/glove", "--cooccurrence", "s3a://data/cooccurrence", "--dim", "8", "--epochs", "1"));
        assertEquals(vocabulary.size(), ManifestChecksums.verify(fs, new org.apache.hadoop.fs.Path(
                "s3a://data/glove")).vocabularySize());
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path("s3a://data/cooccurrence/manifest.json")),
                "the co-occurrences saved for the next run");
        assertEquals(List.of(), hidden(new org.apache.hadoop.fs.Path("s3a://data/")));
    }

    private static int run(String... args) {
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
        assertEquals("", err.toString().trim(), "no error printed");
        return status;
    }

    private static List<String> hidden(org.apache.hadoop.fs.Path parent) throws Exception {
        List<String> names = new ArrayList<>();
        for (FileStatus s : fs.listStatus(parent)) {
            if (s.getPath().getName().startsWith(".")) {
                names.add(s.getPath().getName());
            }
        }
        return names;
    }
}
