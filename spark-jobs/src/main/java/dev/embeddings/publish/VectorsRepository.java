package dev.embeddings.publish;

import dev.embeddings.spark.FileSystems;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Published vectors under a root on any Hadoop file system:
 * <pre>
 * ROOT/LATEST              the current version's id (one line), replaced atomically
 * ROOT/versions/000001/    a finished vectors directory (manifest.json + the files it lists), never modified
 * ROOT/publish.lock        held while publishing (see {@link PublishLock})
 * </pre>
 * Publishing copies a finished output directory in under a hidden name, verifies every file against its manifest,
 * renames it to the next version id, then points LATEST at it (write {@code LATEST.tmp-…}, rename over LATEST) and
 * deletes all but the newest {@link PublishConfig#keep()} versions, never the current one. A publisher killed at
 * any point leaves readers on the previous complete version. Readers resolve LATEST and verify what they read.
 *
 * <p>The rename over LATEST is atomic on HDFS and on POSIX local file systems; object stores (s3a) have no atomic
 * rename, so there a reader may briefly find no LATEST and should retry.
 */
public final class VectorsRepository {

    public static final String LATEST = "LATEST";
    public static final String VERSIONS = "versions";
    private static final Logger LOG = LoggerFactory.getLogger(VectorsRepository.class);
    private static final Pattern VERSION_ID = Pattern.compile("\\d{6,}");

    private final PublishConfig config;
    private final Configuration hadoop;
    private final FileSystem fs;
    private final Path root;
    private final Clock clock;

    private VectorsRepository(PublishConfig config, Configuration hadoop, FileSystem fs, Path root, Clock clock) {
        this.config = config;
        this.hadoop = hadoop;
        this.fs = fs;
        this.root = root;
        this.clock = clock;
    }

    public static VectorsRepository open(PublishConfig config, Configuration hadoop) throws IOException {
        return open(config, hadoop, Clock.systemUTC());
    }

    /** As {@link #open(PublishConfig, Configuration)}, with the clock that dates (and ages) publish locks. */
    public static VectorsRepository open(PublishConfig config, Configuration hadoop, Clock clock) throws IOException {
        Path root = new Path(config.root());
        FileSystem fs = FileSystems.get(root, hadoop);
        return new VectorsRepository(config, hadoop, fs, fs.makeQualified(root), clock);
    }

    public Path root() {
        return root;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    /** Publishes the finished vectors directory {@code source} (any Hadoop path) as the new current version. */
    public PublishedVersion publish(String source) throws IOException {
        try (PublishLock lock = lock()) {
            return publish(lock, source);
        }
    }

    /**
     * As {@link #publish(String)}, under a lock the caller took with {@link #lock()} and holds for longer (a refresh
     * holds it from deciding what to train to publishing, so overlapping runs cannot interleave).
     */
    public PublishedVersion publish(PublishLock lock, String source) throws IOException {
        lock.checkHeld();
        PublishedVersion version = copyIn(new Path(source));
        switchLatest(version.id());
        prune(version.id());
        LOG.info("publish: {} is now version {} of {}", source, version.id(), root);
        return version;
    }

    /** Takes the publish lock of this root, or fails naming its holder (see {@link PublishLock}). */
    public PublishLock lock() throws IOException {
        try {
            if (!fs.exists(root) && !fs.mkdirs(root)) {
                throw new IOException("cannot create it");
            }
        } catch (IOException e) {
            throw new IOException("the publish root " + root + " is not writable: " + e.getMessage(), e);
        }
        return PublishLock.acquire(fs, root, config.staleLockAfter(), clock);
    }

    /**
     * Verifies {@code source}, copies it into {@code versions/} under a hidden name, verifies the copy and renames
     * it to the next version id. Not yet current: that is {@link #switchLatest}. Call with the lock held.
     */
    PublishedVersion copyIn(Path source) throws IOException {
        FileSystem sourceFs = FileSystems.get(source, hadoop);
        ManifestChecksums.verify(sourceFs, source);
        Path versions = new Path(root, VERSIONS);
        removeLeftovers(versions);
        Path incoming = new Path(versions, ".incoming-" + UUID.randomUUID());
        if (!FileUtil.copy(sourceFs, source, fs, incoming, false, hadoop)) {
            throw new IOException("cannot copy " + source + " to " + incoming);
        }
        try {
            VectorsManifest manifest = ManifestChecksums.verify(fs, incoming);
            String id = nextId();
            Path dir = new Path(versions, id);
            if (!fs.rename(incoming, dir)) {
                throw new IOException("cannot rename " + incoming + " to " + dir);
            }
            return new PublishedVersion(id, dir, manifest);
        } finally {
            if (fs.exists(incoming)) {
                fs.delete(incoming, true);
            }
        }
    }

    /** Points LATEST at version {@code id} by renaming a freshly written pointer file over it. */
    void switchLatest(String id) throws IOException {
        Path latest = new Path(root, LATEST);
        Path tmp = new Path(root, LATEST + ".tmp-" + UUID.randomUUID());
        try (OutputStream out = fs.create(tmp, false)) {
            out.write((id + "\n").getBytes(StandardCharsets.UTF_8));
        }
        // FileSystem.rename keeps an existing destination on HDFS; FileContext's OVERWRITE rename replaces it
        // atomically there. On a local file system the plain rename already replaces atomically (rename(2)).
        if (!fs.rename(tmp, latest)) {
            FileContext.getFileContext(root.toUri(), hadoop).rename(tmp, latest, Options.Rename.OVERWRITE);
        }
    }

    /** Deletes all but the newest {@code keep} versions, never {@code current}. */
    void prune(String current) throws IOException {
        List<String> ids = versionIds();
        for (int i = 0; i < ids.size() - config.keep(); i++) {
            if (!ids.get(i).equals(current)) {
                fs.delete(new Path(new Path(root, VERSIONS), ids.get(i)), true);
                LOG.info("publish: deleted old version {}", ids.get(i));
            }
        }
    }

    /** The id LATEST names, if anything was published. */
    public Optional<String> latestId() throws IOException {
        Path latest = new Path(root, LATEST);
        String id;
        try (InputStream in = fs.open(latest)) {
            id = new String(in.readNBytes(256), StandardCharsets.UTF_8).trim();
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
        if (!VERSION_ID.matcher(id).matches()) {
            throw new IOException(latest + " does not name a version (got '" + id + "')");
        }
        return Optional.of(id);
    }

    /** The current version, every file verified against its manifest; empty if nothing was published yet. */
    public Optional<PublishedVersion> current() throws IOException {
        Optional<Path> dir = currentDir();
        return dir.isEmpty() ? Optional.empty() : Optional.of(new PublishedVersion(dir.get().getName(), dir.get(),
                ManifestChecksums.verify(fs, dir.get())));
    }

    /**
     * The current version with its manifest, its files not yet verified: for a reader of some of them, which
     * {@link #open} verifies as they are read; empty if nothing was published yet.
     */
    public Optional<PublishedVersion> latest() throws IOException {
        Optional<Path> dir = currentDir();
        return dir.isEmpty() ? Optional.empty() : Optional.of(new PublishedVersion(dir.get().getName(), dir.get(),
                ManifestChecksums.read(fs, dir.get())));
    }

    private Optional<Path> currentDir() throws IOException {
        Optional<String> id = latestId();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Path dir = new Path(new Path(root, VERSIONS), id.get());
        if (!fs.exists(dir)) {
            throw new IOException(new Path(root, LATEST) + " names version " + id.get() + " but " + dir
                    + " is missing");
        }
        return Optional.of(dir);
    }

    /**
     * Opens file {@code name} of a version for reading; closing the stream fails if the file does not match the
     * version's manifest (see {@link VerifyingInputStream}).
     */
    public InputStream open(PublishedVersion version, String name) throws IOException {
        for (VectorsManifest.FileEntry entry : version.manifest().files()) {
            if (entry.name().equals(name)) {
                Path path = new Path(version.dir(), name);
                return new VerifyingInputStream(fs.open(path), path, entry);
            }
        }
        throw new IOException(name + " is not in the manifest of version " + version.id() + " (" + version.dir()
                + ")");
    }

    /** Ids of the versions present, oldest first. */
    public List<String> versionIds() throws IOException {
        Path versions = new Path(root, VERSIONS);
        List<String> ids = new ArrayList<>();
        if (fs.exists(versions)) {
            for (FileStatus s : fs.listStatus(versions)) {
                if (s.isDirectory() && VERSION_ID.matcher(s.getPath().getName()).matches()) {
                    ids.add(s.getPath().getName());
                }
            }
        }
        ids.sort(Comparator.comparingLong(Long::parseLong));
        return ids;
    }

    private String nextId() throws IOException {
        List<String> ids = versionIds();
        long last = ids.isEmpty() ? 0 : Long.parseLong(ids.get(ids.size() - 1));
        return String.format("%06d", last + 1);
    }

    /** Half-copied versions and pointer files of publishers that died (we hold the lock, so none is live). */
    private void removeLeftovers(Path versions) throws IOException {
        for (Path dir : new Path[] {versions, root}) {
            if (!fs.exists(dir)) {
                continue;
            }
            for (FileStatus s : fs.listStatus(dir)) {
                String name = s.getPath().getName();
                if (name.startsWith(".incoming-") || name.startsWith(LATEST + ".tmp-")) {
                    LOG.warn("publish: removing {} left by an interrupted publisher", s.getPath());
                    fs.delete(s.getPath(), true);
                }
            }
        }
    }
}
