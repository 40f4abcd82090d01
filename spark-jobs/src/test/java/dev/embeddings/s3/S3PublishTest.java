package dev.embeddings.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.publish.PublishConfig;
import dev.embeddings.publish.PublishLock;
import dev.embeddings.publish.PublishedVersion;
import dev.embeddings.publish.StallingS3AFileSystem;
import dev.embeddings.publish.VectorsDirectories;
import dev.embeddings.publish.VectorsRepository;
import dev.embeddings.spark.StagedOutput;
import dev.embeddings.testing.TestS3;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing to s3a on a real S3-compatible server (S3Proxy on the loopback), where nothing can be renamed
 * atomically: versions are written in place with their manifest last and LATEST is replaced by one PUT.
 */
@Timeout(180)
class S3PublishTest {

    @TempDir
    static Path dir;

    static TestS3 s3;
    static Configuration conf;
    static float[] first;
    static float[] second;

    @BeforeAll
    static void start() throws Exception {
        s3 = TestS3.start(dir, "vectors");
        conf = s3.conf();
        first = VectorsDirectories.write(dir.resolve("a").toString(), 1, conf);
        second = VectorsDirectories.write(dir.resolve("b").toString(), 2, conf);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    /** The publisher killed by the test: publishes {@code args[2]} to the s3a root {@code args[1]}. */
    public static void main(String[] args) throws IOException {
        Configuration conf = TestS3.conf(args[0]);
        conf.set("fs.s3a.impl", StallingS3AFileSystem.class.getName());
        VectorsRepository.open(PublishConfig.of(args[1]), conf).publish(args[2]);
    }

    @Test
    void publishesVersionsAndReadersFollowLatest() throws Exception {
        PublishConfig config = new PublishConfig("s3a://vectors/published", 1, Duration.ofHours(1));
        VectorsRepository.open(config, conf).publish(dir.resolve("a").toString());
        VectorsRepository.open(config, conf).publish(dir.resolve("b").toString());

        VectorsRepository reader = VectorsRepository.open(config, conf);
        PublishedVersion current = reader.current().orElseThrow();
        assertEquals("000002", current.id());
        assertEquals(List.of("000002"), reader.versionIds(), "--keep 1 deleted the first version");
        assertVectors(second, reader, current);
        assertEquals(new TreeSet<>(List.of("LATEST", "versions/000002/manifest.json", "versions/000002/report.html",
                "versions/000002/vectors.bin", "versions/000002/vectors.txt", "versions/000002/vocab.tsv")),
                files(reader.fileSystem(), reader.root()), "no lock, pointer or staging object left");
    }

    @Test
    void aPublisherKilledWhileWritingAVersionLeavesLatestOnThePreviousOne() throws Exception {
        String root = "s3a://vectors/interrupted";
        VectorsRepository repository = VectorsRepository.open(PublishConfig.of(root), conf);
        repository.publish(dir.resolve("a").toString());

        Path marker = dir.resolve("stalled");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> !flag.startsWith("-Xmx") && !flag.startsWith("-javaagent")).forEach(command::add);
        command.addAll(List.of("-Xmx256m", "-Dstall.marker=" + marker, "-cp", System.getProperty("java.class.path"),
                S3PublishTest.class.getName(), s3.endpoint(), root, dir.resolve("b").toString()));
        Path log = dir.resolve("publisher.log");
        Process publisher = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!Files.exists(marker)) {
            assertTrue(publisher.isAlive(), () -> "the publisher ended before writing: " + read(log));
            assertTrue(System.nanoTime() < deadline, () -> "the publisher never started writing: " + read(log));
            Thread.sleep(20);
        }
        publisher.destroyForcibly().waitFor();

        FileSystem fs = repository.fileSystem();
        TreeSet<String> left = files(fs, repository.root());
        assertTrue(left.contains("versions/000002/vectors.bin"),
                "killed half-way through a version (its files are copied in name order): " + left);
        assertFalse(left.contains("versions/000002/vectors.txt"), "an object appears only when its upload ends");
        assertFalse(left.contains("versions/000002/manifest.json"), "so version 2 does not look complete: " + left);
        assertTrue(left.contains(PublishLock.FILE), "the dead publisher's lock is left behind");
        assertEquals("000001\n", readObject(fs, root + "/LATEST"));
        assertEquals(List.of("000001"), repository.versionIds(), "readers list only complete versions");
        PublishedVersion current = repository.current().orElseThrow();
        assertEquals("000001", current.id());
        assertVectors(first, repository, current);

        // The next publisher sees the lock's process is gone, removes the unfinished version and publishes.
        assertEquals("000002", repository.publish(dir.resolve("b").toString()).id());
        assertEquals("000002\n", readObject(fs, root + "/LATEST"));
        assertEquals(List.of("000001", "000002"), repository.versionIds());
        assertVectors(second, repository, repository.current().orElseThrow());
        assertFalse(files(fs, repository.root()).contains(PublishLock.FILE));
    }

    @Test
    void anOutputReplacedOnS3EndsWithTheNewFilesOnly() throws Exception {
        String target = "s3a://vectors/output";
        commit(target, false, "old", "stale.txt");
        assertEquals(new TreeSet<>(List.of("manifest.json", "stale.txt")), files(conf, target));
        IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> commit(target, false, "new", "fresh.txt"));
        assertTrue(refused.getMessage().contains("already exists; pass --overwrite"), refused.getMessage());

        commit(target, true, "new", "fresh.txt");
        assertEquals(new TreeSet<>(List.of("fresh.txt", "manifest.json")), files(conf, target));
        FileSystem fs = new org.apache.hadoop.fs.Path(target).getFileSystem(conf);
        assertEquals("new", readObject(fs, target + "/manifest.json"));
        assertEquals(List.of("output"), Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path("s3a://vectors/")))
                .map(s -> s.getPath().getName()).filter(n -> n.contains("output")).toList(), "no staging left");
    }

    /** Stages {@code file} and a manifest holding {@code manifest} for {@code target}, then commits. */
    private static void commit(String target, boolean overwrite, String manifest, String file) throws IOException {
        try (StagedOutput output = StagedOutput.begin(target, conf, overwrite)) {
            FileSystem fs = output.fileSystem();
            try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(output.staging(), file))) {
                out.write(file.getBytes(StandardCharsets.UTF_8));
            }
            try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(output.staging(), "manifest.json"))) {
                out.write(manifest.getBytes(StandardCharsets.UTF_8));
            }
            output.commit();
        }
    }

    private static TreeSet<String> files(Configuration conf, String dir) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
        return files(path.getFileSystem(conf), path.getFileSystem(conf).makeQualified(path));
    }

    private static void assertVectors(float[] expected, VectorsRepository repository, PublishedVersion version)
            throws IOException {
        WordVectors read;
        try (InputStream in = repository.open(version, VectorsManifest.BINARY)) {
            read = WordVectors.load(in, version.id());
        }
        int queen = read.id("queen");
        assertArrayEquals(Arrays.copyOfRange(expected, queen * VectorsDirectories.DIM,
                (queen + 1) * VectorsDirectories.DIM), read.vector("queen"));
    }

    /** Every object under {@code root}, relative to it. */
    private static TreeSet<String> files(FileSystem fs, org.apache.hadoop.fs.Path root) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        String prefix = root.toString() + "/";
        while (files.hasNext()) {
            names.add(files.next().getPath().toString().substring(prefix.length()));
        }
        return names;
    }

    private static String readObject(FileSystem fs, String path) throws IOException {
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
