package dev.embeddings.testing;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3-compatible server for a test: S3Proxy (its self-contained jar, which the build copies to the path in the
 * system property {@value #JAR_PROPERTY}) in its own JVM, serving an in-memory store on a free loopback port, with
 * signed requests required (access key {@value #ACCESS_KEY}, secret {@value #SECRET_KEY}).
 */
public final class TestS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    static final String JAR_PROPERTY = "s3proxy.jar";

    private final Process process;
    private final Path log;
    private final String endpoint;

    private TestS3(Process process, Path log, String endpoint) {
        this.process = process;
        this.log = log;
        this.endpoint = endpoint;
    }

    /** Starts the server (its log in {@code dir/s3proxy.log}), waits until it serves, and creates {@code buckets}. */
    public static TestS3 start(Path dir, String... buckets) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "target/s3proxy/s3proxy.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies S3Proxy there (mvn test, not the IDE "
                    + "alone; or set -D" + JAR_PROPERTY + ")");
        }
        int port = freePort();
        String endpoint = "http://127.0.0.1:" + port;
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n", "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY, "jclouds.provider=transient", "jclouds.identity=unused",
                "jclouds.credential=unused", ""));
        Path log = dir.resolve("s3proxy.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TestS3 s3 = new TestS3(process, log, endpoint);
        try {
            s3.awaitPort(port, Duration.ofSeconds(60));
            AmazonS3 client = AmazonS3ClientBuilder.standard()
                    .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint, "us-east-1"))
                    .withPathStyleAccessEnabled(true)
                    .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
                    .build();
            for (String bucket : buckets) {
                client.createBucket(bucket);
            }
            client.shutdown();
        } catch (IOException | RuntimeException | InterruptedException e) {
            s3.close();
            throw e;
        }
        return s3;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return endpoint;
    }

    /** The s3a settings that reach this server: endpoint, path-style access, plain HTTP, the keys, few retries. */
    public Map<String, String> settings() {
        return settings(endpoint);
    }

    /** {@link #settings()} of the server at {@code endpoint} (for a child JVM given only the endpoint). */
    public static Map<String, String> settings(String endpoint) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fs.s3a.endpoint", endpoint);
        s.put("fs.s3a.path.style.access", "true");
        s.put("fs.s3a.connection.ssl.enabled", "false");
        s.put("fs.s3a.access.key", ACCESS_KEY);
        s.put("fs.s3a.secret.key", SECRET_KEY);
        s.put("fs.s3a.attempts.maximum", "2");
        s.put("fs.s3a.retry.limit", "2");
        return s;
    }

    /** A Hadoop configuration with {@link #settings()}. */
    public Configuration conf() {
        return conf(endpoint);
    }

    /** A Hadoop configuration with the settings of the server at {@code endpoint}. */
    public static Configuration conf(String endpoint) {
        Configuration conf = new Configuration();
        settings(endpoint).forEach(conf::set);
        return conf;
    }

    /** {@link #settings()} as JVM flags a Spark driver reads ({@code -Dspark.hadoop.fs.s3a...=...}). */
    public List<String> sparkFlags() {
        return settings().entrySet().stream().map(e -> "-Dspark.hadoop." + e.getKey() + "=" + e.getValue()).toList();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited (" + process.exitValue() + ") before serving:\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("S3Proxy did not serve on port " + port + " within " + timeout + ":\n"
                            + log());
                }
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
