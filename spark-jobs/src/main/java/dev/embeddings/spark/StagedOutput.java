package dev.embeddings.spark;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output directory that appears only when complete: a job writes into a hidden staging directory beside the
 * target and {@link #commit()} renames it into place; {@link #abort()} (or a crash) leaves the target as it was.
 * An existing target is refused unless overwriting, in which case it is moved aside, replaced, then deleted.
 *
 * <p>On an object store (s3a), where a rename copies object by object, the output appears piece by piece instead:
 * its {@value #MANIFEST} moves last, so an output with a manifest is complete, and a replaced target loses its
 * manifest first (see {@link #commitOnObjectStore()}).
 */
public final class StagedOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StagedOutput.class);
    /**
     * The file name of every output directory's manifest ({@code VectorsManifest.FILE}, {@code CorpusManifest.FILE},
     * co-occurrences'), which those packages, downstream of this one, spell too.
     */
    static final String MANIFEST = "manifest.json";

    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private boolean committed;

    private StagedOutput(FileSystem fs, Path target, Path staging, boolean overwrite) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    /** Checks the target and creates the staging directory; fails before any work if the target is taken. */
    public static StagedOutput begin(String output, Configuration conf, boolean overwrite) throws IOException {
        Path target = new Path(output);
        FileSystem fs = FileSystems.get(target, conf);
        target = fs.makeQualified(target);
        if (fs.exists(target) && !overwrite) {
            throw new IOException("output " + target + " already exists; pass --overwrite to replace it");
        }
        if (fs.exists(target) && !fs.getFileStatus(target).isDirectory()) {
            throw new IOException("output " + target + " exists and is not a directory");
        }
        Path parent = target.getParent();
        if (parent != null && !fs.exists(parent) && !fs.mkdirs(parent)) {
            throw new IOException("cannot create " + parent);
        }
        Path staging = new Path(parent, "." + target.getName() + ".staging-" + UUID.randomUUID());
        try {
            if (!fs.mkdirs(staging)) {
                throw new IOException("cannot create staging directory " + staging);
            }
        } catch (org.apache.hadoop.security.AccessControlException e) {
            throw new IOException("output location " + parent + " is not writable: " + e.getMessage(), e);
        }
        return new StagedOutput(fs, target, staging, overwrite);
    }

    public FileSystem fileSystem() {
        return fs;
    }

    /** The directory to write into until commit. */
    public Path staging() {
        return staging;
    }

    public Path target() {
        return target;
    }

    /** Moves the staging directory into place (replacing an existing target when overwriting). */
    public void commit() throws IOException {
        if (!FileSystems.renameIsAtomic(fs)) {
            commitOnObjectStore();
            return;
        }
        Path aside = null;
        if (fs.exists(target)) {
            if (!overwrite) {
                throw new IOException("output " + target + " appeared while the job ran; not replacing it");
            }
            aside = new Path(target.getParent(), "." + target.getName() + ".replaced-" + UUID.randomUUID());
            if (!fs.rename(target, aside)) {
                throw new IOException("cannot move the old " + target + " aside");
            }
        }
        if (!fs.rename(staging, target)) {
            if (aside != null) {
                fs.rename(aside, target);
            }
            throw new IOException("cannot rename " + staging + " to " + target);
        }
        committed = true;
        if (aside != null) {
            fs.delete(aside, true);
        }
    }

    /**
     * Moves the staging directory's entries into the target one by one, the manifest last: a crash part-way leaves
     * a target without a manifest, which readers refuse as unfinished. An old target is deleted first, manifest
     * first (there is no atomic swap to keep it until the new one is whole).
     */
    private void commitOnObjectStore() throws IOException {
        if (fs.exists(target)) {
            if (!overwrite) {
                throw new IOException("output " + target + " appeared while the job ran; not replacing it");
            }
            deleteManifestFirst(fs, target);
        }
        if (!fs.mkdirs(target)) {
            throw new IOException("cannot create " + target);
        }
        Path manifest = null;
        for (FileStatus entry : fs.listStatus(staging)) {
            Path from = entry.getPath();
            if (from.getName().equals(MANIFEST)) {
                manifest = from;
            } else {
                move(from, new Path(target, from.getName()));
            }
        }
        if (manifest != null) {
            move(manifest, new Path(target, MANIFEST));
        }
        committed = true;
        fs.delete(staging, true);
    }

    private void move(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    /** Deletes a finished directory so that it stops looking finished before its other files go. */
    public static void deleteManifestFirst(FileSystem fs, Path dir) throws IOException {
        fs.delete(new Path(dir, MANIFEST), false);
        fs.delete(dir, true);
    }

    /** Deletes the staging directory unless committed. */
    public void abort() {
        if (committed) {
            return;
        }
        try {
            fs.delete(staging, true);
        } catch (IOException e) {
            LOG.warn("could not delete staging directory {}: {}", staging, e.getMessage());
        }
    }

    @Override
    public void close() {
        abort();
    }
}
