package dev.embeddings.publish;

import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.spark.FileSystems;
import dev.embeddings.spark.StagedOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
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
 * A version is complete when its directory has a {@code manifest.json}; readers see only complete versions, and
 * LATEST names one only after it is complete and verified. Publishing, under the lock, on a file system with atomic
 * rename (HDFS, local): copy the finished output in under a hidden name ({@code versions/.incoming-…}), verify every
 * file against its manifest, rename it to the next id, then write {@code LATEST.tmp-…} and rename it over LATEST.
 * On an object store (s3a; no atomic rename, but a PUT replaces an object whole): write the version's files
 * straight under the next id, verify them, write its manifest last, then LATEST with a single PUT. Either way all
 * but the newest {@link PublishConfig#keep()} versions are then deleted (manifest first), never the current one.
 *
 * <p>A publisher killed at any point leaves LATEST on the previous complete version; what it left (a hidden copy,
 * or a version directory without a manifest) is never read and is removed by the next publisher.
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
        // Again before LATEST moves: on an object store the lock is not exclusive (see PublishLock).
        lock.checkHeld();
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
        VectorsManifest sourceManifest = ManifestChecksums.verify(sourceFs, source);
        Path versions = new Path(root, VERSIONS);
        removeLeftovers(versions);
        if (!FileSystems.renameIsAtomic(fs)) {
            return writeInPlace(sourceFs, source, sourceManifest, new Path(versions, nextId()));
        }
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

    /**
     * Object stores: copies the version's files straight to {@code dir}, verifies them, and writes the manifest
     * last, so the directory counts as a version only when every file it lists is there and whole.
     */
    private PublishedVersion writeInPlace(FileSystem sourceFs, Path source, VectorsManifest manifest, Path dir)
            throws IOException {
        FileStatus[] entries = sourceFs.listStatus(source);
        Arrays.sort(entries);
        for (FileStatus entry : entries) {
            String name = entry.getPath().getName();
            if (!name.equals(VectorsManifest.FILE)) {
                copy(sourceFs, entry.getPath(), new Path(dir, name));
            }
        }
        for (VectorsManifest.FileEntry entry : manifest.files()) {
            ManifestChecksums.verify(fs, dir, entry);
        }
        copy(sourceFs, new Path(source, VectorsManifest.FILE), new Path(dir, VectorsManifest.FILE));
        return new PublishedVersion(dir.getName(), dir, manifest);
    }

    private void copy(FileSystem sourceFs, Path from, Path to) throws IOException {
        if (!FileUtil.copy(sourceFs, from, fs, to, false, false, hadoop)) {
            throw new IOException("cannot copy " + from + " to " + to);
        }
    }

    /**
     * Points LATEST at version {@code id}: renames a freshly written pointer file over it, or on an object store
     * overwrites it with one PUT (a reader sees the old or the new id, never none or part of one).
     */
    void switchLatest(String id) throws IOException {
        Path latest = new Path(root, LATEST);
        byte[] line = (id + "\n").getBytes(StandardCharsets.UTF_8);
        if (!FileSystems.renameIsAtomic(fs)) {
            try (OutputStream out = fs.create(latest, true)) {
                out.write(line);
            }
            return;
        }
        Path tmp = new Path(root, LATEST + ".tmp-" + UUID.randomUUID());
        try (OutputStream out = fs.create(tmp, false)) {
            out.write(line);
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
                StagedOutput.deleteManifestFirst(fs, new Path(new Path(root, VERSIONS), ids.get(i)));
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

    /** Ids of the complete versions present (those with a manifest), oldest first. */
    public List<String> versionIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (Path dir : versionDirectories()) {
            if (fs.exists(new Path(dir, VectorsManifest.FILE))) {
                ids.add(dir.getName());
            }
        }
        return ids;
    }

    /** Every directory named like a version, complete or not, oldest first. */
    private List<Path> versionDirectories() throws IOException {
        Path versions = new Path(root, VERSIONS);
        List<Path> dirs = new ArrayList<>();
        if (fs.exists(versions)) {
            for (FileStatus s : fs.listStatus(versions)) {
                if (s.isDirectory() && VERSION_ID.matcher(s.getPath().getName()).matches()) {
                    dirs.add(s.getPath());
                }
            }
        }
        dirs.sort(Comparator.comparingLong(p -> Long.parseLong(p.getName())));
        return dirs;
    }

    /** The id after the highest one present, so a complete version's id is never used again. */
    private String nextId() throws IOException {
        List<String> ids = versionDirectories().stream().map(Path::getName).toList();
        long last = ids.isEmpty() ? 0 : Long.parseLong(ids.get(ids.size() - 1));
        return String.format("%06d", last + 1);
    }

    /**
     * Half-copied versions, version directories without a manifest (an object-store publisher that died while
     * writing one) and pointer files of publishers that died (we hold the lock, so none is live).
     */
    private void removeLeftovers(Path versions) throws IOException {
        String current = latestId().orElse(null);
        for (Path dir : versionDirectories()) {
            if (!dir.getName().equals(current) && !fs.exists(new Path(dir, VectorsManifest.FILE))) {
                LOG.warn("publish: removing {}, a version an interrupted publisher left unfinished", dir);
                fs.delete(dir, true);
            }
        }
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
