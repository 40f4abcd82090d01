package dev.embeddings.glove;

import dev.embeddings.glove.CooccurrenceManifest.PartitionFile;
import dev.embeddings.io.Json;
import dev.embeddings.spark.FileSystems;
import dev.embeddings.spark.SerializableConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A co-occurrence matrix saved for later GloVe runs ({@code --cooccurrence DIR}): {@code manifest.json} and one
 * {@link CooccurrenceFile} per partition, {@code part-NNNNN.cooc}. The executors write their own partitions (into a
 * staging directory the caller renames into place after adding the manifest), and loading reads partition p's
 * file in task p, so the matrix comes back cut by rows exactly as it was saved, with no shuffle.
 *
 * <p>Memory per executor: a writing task streams its cached block out through a 64 KiB buffer; a loading task
 * holds the block it reads (12 bytes per entry) and a 64 KiB buffer.
 */
final class SavedCooccurrences {

    private SavedCooccurrences() {
    }

    /** What a directory holds: nothing (both null), a usable matrix (problem null), or a problem saying why not. */
    record Found(CooccurrenceManifest manifest, String problem) {
    }

    /** Checks DIR on the driver: its manifest, and that every partition file is there at its recorded size. */
    static Found inspect(Path dir, FileSystem fs) throws IOException {
        if (!fs.exists(dir)) {
            return new Found(null, null);
        }
        Path manifestPath = new Path(dir, CooccurrenceManifest.FILE);
        if (!fs.exists(manifestPath)) {
            return new Found(null, "it exists but has no " + CooccurrenceManifest.FILE
                    + ", so it is not a complete saved co-occurrence matrix");
        }
        CooccurrenceManifest manifest;
        try (InputStream in = fs.open(manifestPath)) {
            manifest = Json.read(in, CooccurrenceManifest.class, manifestPath.toString());
        } catch (IOException e) {
            return new Found(null, e.getMessage());
        }
        for (PartitionFile file : manifest.files()) {
            Path path = new Path(dir, file.name());
            if (!fs.exists(path)) {
                return new Found(manifest, "partition file " + file.name() + " is missing");
            }
            long bytes = fs.getFileStatus(path).getLen();
            if (bytes != file.bytes()) {
                return new Found(manifest, "partition file " + file.name() + " has " + bytes + " bytes, the manifest "
                        + "says " + file.bytes() + " (truncated or replaced)");
            }
        }
        return new Found(manifest, null);
    }

    /**
     * Writes partition p of {@code entries} to {@code directory}/part-p, one task per partition, and returns the
     * files in partition order. Call it before training, which shuffles the cached blocks in place.
     */
    static List<PartitionFile> write(JavaRDD<CooccurrenceBlock> entries, Path directory,
            SerializableConfiguration hadoop) {
        String dir = directory.toString();
        return entries.mapPartitionsWithIndex((partition, blocks) -> {
            CooccurrenceBlock block = blocks.hasNext() ? blocks.next() : CooccurrenceBlock.empty();
            String name = PartitionFile.nameOf(partition);
            Path path = new Path(dir, name);
            String sha256;
            // A retried task attempt overwrites the file of the failed one.
            try (OutputStream out = FileSystems.get(path, hadoop.get()).create(path, true)) {
                sha256 = CooccurrenceFile.write(block, out);
            }
            return List.of(new PartitionFile(name, block.size(), CooccurrenceFile.bytes(block.size()), sha256))
                    .iterator();
        }, true).collect();
    }

    static void writeManifest(CooccurrenceManifest manifest, Path directory, FileSystem fs) throws IOException {
        try (OutputStream out = fs.create(new Path(directory, CooccurrenceManifest.FILE), false)) {
            Json.write(out, manifest);
        }
    }

    /** The saved matrix as an RDD with one partition per file, in order; each task checks its file's SHA-256. */
    static JavaRDD<CooccurrenceBlock> load(JavaSparkContext jsc, Path dir, CooccurrenceManifest manifest,
            SerializableConfiguration hadoop) {
        String root = dir.toString();
        List<PartitionFile> files = manifest.files();
        return jsc.parallelize(files, files.size()).map(file -> {
            Path path = new Path(root, file.name());
            try (InputStream in = path.getFileSystem(hadoop.get()).open(path)) {
                return CooccurrenceFile.read(in, path.toString(), file.entries(), file.sha256());
            }
        });
    }
}
