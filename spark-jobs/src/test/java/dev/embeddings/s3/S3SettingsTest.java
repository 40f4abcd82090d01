package dev.embeddings.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embeddings.cli.Main;
import dev.embeddings.testing.TestS3;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong s3a settings fail before Spark starts with one line naming the setting to change, against a real
 * S3-compatible server (S3Proxy on the loopback) that requires signed requests.
 */
@Timeout(120)
class S3SettingsTest {

    @TempDir
    static Path dir;

    static TestS3 s3;
    static FileSystem fs;

    @BeforeAll
    static void start() throws Exception {
        s3 = TestS3.start(dir, "data");
        fs = new org.apache.hadoop.fs.Path("s3a://data/").getFileSystem(s3.conf());
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("s3a://data/text/a.txt"))) {
            out.write("some text to count\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void missingCredentialsNameTheKeySettings() throws Exception {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "AWS_ACCESS_KEY_ID is set in this environment");
        Map<String, String> settings = s3.settings();
        settings.remove("fs.s3a.access.key");
        settings.remove("fs.s3a.secret.key");
        String err = corpus(settings, 2);
        assertTrue(err.startsWith("corpus: error: s3a://data/text (--input): no AWS credentials: set "
                + "fs.s3a.access.key and fs.s3a.secret.key"), err);
    }

    @Test
    void aWrongSecretNamesTheKeySettings() throws Exception {
        Map<String, String> settings = s3.settings();
        settings.put("fs.s3a.secret.key", "not-the-secret");
        String err = corpus(settings, 1);
        assertTrue(err.startsWith("corpus: error: s3a://data/text (--input): " + s3.endpoint()
                + " refused access to bucket data: check fs.s3a.access.key and fs.s3a.secret.key"), err);
    }

    @Test
    void anUnreachableEndpointNamesTheEndpointSetting() throws Exception {
        Map<String, String> settings = s3.settings();
        String closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }
        settings.put("fs.s3a.endpoint", closed);
        String err = corpus(settings, 1);
        assertTrue(err.startsWith("corpus: error: s3a://data/text (--input): cannot reach the S3 endpoint " + closed
                + ": "), err);
        assertTrue(err.endsWith("; check fs.s3a.endpoint"), err);
    }

    @Test
    void aMissingS3aClassSaysWhatToAdd() throws Exception {
        Map<String, String> settings = s3.settings();
        // The failure: a Spark without hadoop-aws, where the s3a class cannot be loaded.
        settings.put("fs.s3a.impl", "org.apache.hadoop.fs.s3a.NotThere");
        String err = corpus(settings, 2);
        assertTrue(err.startsWith("corpus: error: s3a://data/text (--input): the s3a file system (hadoop-aws) is not "
                + "on the class path;"), err);
        assertTrue(err.contains("--packages org.apache.hadoop:hadoop-aws:3.3.4"), err);
    }

    @Test
    void aMissingBucketIsNamed() throws Exception {
        StringWriter err = new StringWriter();
        int status = withSettings(s3.settings(), () -> Main.execute(new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), "corpus", "--input", "s3a://data/text", "--output",
                "s3a://no-such-bucket/corpus"));
        assertEquals(1, status, err.toString());
        assertEquals(List.of("corpus: error: s3a://no-such-bucket/corpus (--output): bucket no-such-bucket does not "
                + "exist at " + s3.endpoint() + " (fs.s3a.endpoint)"), lines(err));
    }

    /** Runs {@code corpus} from s3a://data/text with {@code settings}; returns its one error line. */
    private static String corpus(Map<String, String> settings, int expectedStatus) throws Exception {
        StringWriter err = new StringWriter();
        int status = withSettings(settings, () -> Main.execute(new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), "corpus", "--input", "s3a://data/text", "--output", "s3a://data/corpus"));
        assertEquals(expectedStatus, status, err.toString());
        List<String> lines = lines(err);
        assertEquals(1, lines.size(), "one line: " + err);
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path("s3a://data/corpus")), "nothing written");
        return lines.get(0);
    }

    private static List<String> lines(StringWriter err) {
        return err.toString().lines().toList();
    }

    private interface Command {
        int run() throws Exception;
    }

    /** Runs {@code command} with {@code settings} as the driver's spark.hadoop.* properties, then removes them. */
    private static int withSettings(Map<String, String> settings, Command command) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        settings.forEach((key, value) -> properties.put("spark.hadoop." + key, value));
        properties.forEach(System::setProperty);
        try {
            return command.run();
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }
}
