package dev.embeddings.publish;

import dev.embeddings.manifest.VectorsManifest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.vectors.WordVectors;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publisher process killed (SIGKILL) while it writes a version: readers keep the previous complete version, and
 * the next publisher takes over the dead process's lock, removes the half-written version and publishes.
 */
@Timeout(120)
class KilledPublisherTest {

    @TempDir
    Path dir;

    /** The publisher killed by the test: publishes {@code args[1]} to the root {@code args[0]} (a stall: URI). */
    public static void main(String[] args) throws IOException {
        Configuration conf = new Configuration();
        conf.set("fs." + StallingFileSystem.SCHEME + ".impl", StallingFileSystem.class.getName());
        VectorsRepository.open(PublishConfig.of(args[0]), conf).publish(args[1]);
    }

    @Test
    void readersKeepThePreviousVersionAndTheNextPublisherCleansUp() throws Exception {
        Configuration conf = new Configuration();
        Path root = dir.resolve("root");
        VectorsRepository repository = VectorsRepository.open(PublishConfig.of(root.toString()), conf);
        float[] first = VectorsDirectories.write(dir.resolve("a").toString(), 1, conf);
        repository.publish(dir.resolve("a").toString());
        VectorsDirectories.write(dir.resolve("b").toString(), 2, conf);

        Path marker = dir.resolve("stalled");
        Process publisher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-D" + StallingFileSystem.MARKER + "=" + marker, "-cp",
                System.getProperty("java.class.path"), KilledPublisherTest.class.getName(),
                StallingFileSystem.SCHEME + "://" + root.toAbsolutePath(), dir.resolve("b").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("publisher.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!Files.exists(marker)) {
            assertTrue(publisher.isAlive(), () -> "the publisher ended before writing: " + log());
            assertTrue(System.nanoTime() < deadline, () -> "the publisher never started writing: " + log());
            Thread.sleep(20);
        }
        publisher.destroyForcibly().waitFor();

        List<Path> halfWritten = incoming(root);
        assertEquals(1, halfWritten.size(), "killed while writing a version under a hidden name");
        assertTrue(Files.exists(halfWritten.get(0).resolve(VectorsManifest.TEXT)));
        assertTrue(Files.exists(root.resolve(PublishLock.FILE)), "the dead publisher's lock is left behind");
        PublishedVersion current = repository.current().orElseThrow();
        assertEquals("000001", current.id());
        WordVectors read = WordVectors.load(repository.open(current, VectorsManifest.BINARY), current.id());
        assertArrayEquals(Arrays.copyOfRange(first, 0, VectorsDirectories.DIM), read.vector("the"));

        // The next publisher (well within the stale-lock age) sees the owner is gone and takes over at once.
        PublishedVersion next = repository.publish(dir.resolve("b").toString());
        assertEquals("000002", next.id());
        assertEquals("000002", repository.current().orElseThrow().id());
        assertEquals(List.of(), incoming(root), "the half-written version is removed");
        assertFalse(Files.exists(root.resolve(PublishLock.FILE)));
    }

    private static List<Path> incoming(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(VectorsRepository.VERSIONS))) {
            return files.filter(p -> p.getFileName().toString().startsWith(".incoming-")).toList();
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("publisher.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
