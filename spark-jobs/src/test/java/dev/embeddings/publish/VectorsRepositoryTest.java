package dev.embeddings.publish;

import dev.embeddings.manifest.VectorsManifest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorsRepositoryTest {

    private final Configuration conf = new Configuration();

    @TempDir
    Path dir;

    private String finished(String name, long seed) throws IOException {
        String out = dir.resolve(name).toString();
        VectorsDirectories.write(out, seed, conf);
        return out;
    }

    private VectorsRepository repository(int keep) throws IOException {
        return VectorsRepository.open(new PublishConfig(dir.resolve("root").toString(), keep, Duration.ofHours(1)),
                conf);
    }

    private static WordVectors load(VectorsRepository repo, PublishedVersion version) throws IOException {
        return WordVectors.load(repo.open(version, VectorsManifest.BINARY), version.id());
    }

    @Test
    void publishedVersionBecomesCurrentAndLoadsTheSameVectors() throws IOException {
        VectorsRepository repo = repository(5);
        assertTrue(repo.current().isEmpty());
        float[] expected = VectorsDirectories.write(dir.resolve("a").toString(), 1, conf);
        PublishedVersion published = repo.publish(dir.resolve("a").toString());

        PublishedVersion current = repo.current().orElseThrow();
        assertEquals(published.id(), current.id());
        WordVectors vectors = load(repo, current);
        assertEquals(VectorsDirectories.WORDS.length, vectors.size());
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, VectorsDirectories.DIM, 2 * VectorsDirectories.DIM),
                vectors.vector("king"));
        assertFalse(Files.exists(dir.resolve("root").resolve(PublishLock.FILE)), "the lock is released");
    }

    @Test
    void killBetweenWritingAVersionAndSwitchingLatestLeavesReadersOnThePreviousVersion() throws IOException {
        VectorsRepository repo = repository(5);
        PublishedVersion first = repo.publish(finished("a", 1));
        // A publisher that dies after copying its version in: it never switches LATEST nor releases the lock.
        PublishLock abandoned = repo.lock();
        PublishedVersion orphan = repo.copyIn(new org.apache.hadoop.fs.Path(finished("b", 2)));
        assertTrue(Files.isDirectory(dir.resolve("root/versions").resolve(orphan.id())));

        assertEquals(first.id(), repo.current().orElseThrow().id());
        assertEquals(first.id(), repo.latestId().orElseThrow());

        // Hours later the lock is stale and the next publisher takes it over.
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
        VectorsRepository next = VectorsRepository.open(new PublishConfig(dir.resolve("root").toString(), 5,
                Duration.ofHours(1)), conf, later);
        PublishedVersion third = next.publish(finished("c", 3));
        assertEquals(third.id(), next.current().orElseThrow().id());
        assertTrue(Long.parseLong(third.id()) > Long.parseLong(orphan.id()));
        // Were the old publisher only slow, not dead, it could no longer publish under the lock it lost.
        IOException e = assertThrows(IOException.class, () -> repo.publish(abandoned, finished("d", 4)));
        assertTrue(e.getMessage().contains("no longer held"), e.getMessage());
        assertEquals(third.id(), repo.latestId().orElseThrow());
        abandoned.close();
    }

    @Test
    void secondConcurrentPublisherFailsNamingTheHolder() throws IOException {
        VectorsRepository repo = repository(5);
        String source = finished("a", 1);
        try (PublishLock held = repo.lock()) {
            IOException e = assertThrows(IOException.class, () -> repository(5).publish(source));
            assertTrue(e.getMessage().contains("another publisher holds"), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        assertTrue(repo.latestId().isEmpty(), "the refused publisher switched nothing");
        repo.publish(source);
        assertTrue(repo.latestId().isPresent(), "once released, the lock can be taken");
    }

    @Test
    void aLockWhoseProcessIsGoneIsTakenOverAtOnceButNotALiveOne() throws IOException {
        // A day-long stale age: only the owner check can free these locks.
        VectorsRepository repo = VectorsRepository.open(new PublishConfig(dir.resolve("root").toString(), 5,
                Duration.ofDays(1)), conf);
        String source = finished("a", 1);
        Files.createDirectories(dir.resolve("root"));
        Path lock = dir.resolve("root").resolve(PublishLock.FILE);
        String host = java.net.InetAddress.getLocalHost().getHostName();
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElseThrow();

        // This (live) process, locking after it started: held.
        Files.writeString(lock, "someone@" + host + " pid " + self.pid() + "\n" + started.plusSeconds(1) + "\n");
        IOException e = assertThrows(IOException.class, () -> repo.publish(source));
        assertTrue(e.getMessage().contains("another publisher holds"), e.getMessage());

        // The same pid, but the lock predates this process: its owner died and the pid was reused.
        Files.writeString(lock, "someone@" + host + " pid " + self.pid() + "\n" + started.minusSeconds(60) + "\n");
        assertEquals("000001", repo.publish(source).id());
    }

    @Test
    void corruptSourceIsRefusedAndNothingIsPublished() throws IOException {
        VectorsRepository repo = repository(5);
        String source = finished("a", 1);
        flipAByte(Path.of(source, VectorsManifest.BINARY));
        IOException e = assertThrows(IOException.class, () -> repo.publish(source));
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains(VectorsManifest.BINARY),
                e.getMessage());
        assertTrue(repo.versionIds().isEmpty());
        assertTrue(repo.latestId().isEmpty());
    }

    @Test
    void readersRefuseAPublishedVersionCorruptedAfterwards() throws IOException {
        VectorsRepository repo = repository(5);
        PublishedVersion version = repo.publish(finished("a", 1));
        PublishedVersion current = repo.current().orElseThrow();
        flipAByte(dir.resolve("root/versions").resolve(version.id()).resolve(VectorsManifest.BINARY));

        IOException onLoad = assertThrows(IOException.class, () -> load(repo, current));
        assertTrue(onLoad.getMessage().contains("checksum mismatch"), onLoad.getMessage());
        IOException onResolve = assertThrows(IOException.class, repo::current);
        assertTrue(onResolve.getMessage().contains("checksum mismatch"), onResolve.getMessage());
    }

    @Test
    void keepsTheLastVersionsAndNeverTheCurrentOneIsDeleted() throws IOException {
        VectorsRepository repo = repository(2);
        for (int i = 1; i <= 4; i++) {
            repo.publish(finished("v" + i, i));
        }
        assertEquals(List.of("000003", "000004"), repo.versionIds());
        assertEquals("000004", repo.latestId().orElseThrow());

        // LATEST pointing at an older version (e.g. rolled back by hand) survives pruning of newer ones.
        repository(1).switchLatest("000003");
        repository(1).prune("000003");
        assertEquals(List.of("000003", "000004"), repo.versionIds());
    }

    @Test
    void latestNamingNoVersionIsAClearError() throws IOException {
        VectorsRepository repo = repository(5);
        repo.publish(finished("a", 1));
        Files.writeString(dir.resolve("root/LATEST"), "../../etc\n", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, repo::current);
        assertTrue(e.getMessage().contains("does not name a version"), e.getMessage());
    }

    @Test
    void configRejectsBadValuesNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PublishConfig("/x", 0, Duration.ofHours(1)));
        assertTrue(e.getMessage().startsWith("--keep"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PublishConfig(" ", 1, Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new PublishConfig("/x", 1, Duration.ZERO));
    }

    private static void flipAByte(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = f.length() - 3;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
    }
}
