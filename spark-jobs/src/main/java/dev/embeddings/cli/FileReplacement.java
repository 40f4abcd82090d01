package dev.embeddings.cli;

import dev.embeddings.spark.FileSystems;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes one file so that it appears only when complete: into a hidden temporary file beside the target, renamed
 * over it at the end. A failure deletes the temporary file and leaves the target as it was.
 */
final class FileReplacement {

    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out, String target) throws IOException;
    }

    private FileReplacement() {
    }

    /**
     * Writes {@code target} with {@code content}; an existing target is refused unless {@code replace}. Returns
     * the target's qualified path.
     */
    static Path write(String target, Configuration conf, boolean replace, Content content) throws IOException {
        Path path = new Path(target);
        FileSystem fs = FileSystems.get(path, conf);
        path = fs.makeQualified(path);
        if (fs.exists(path) && (!replace || fs.getFileStatus(path).isDirectory())) {
            throw new IOException("output " + path + (fs.getFileStatus(path).isDirectory() ? " is a directory"
                    : " already exists; pass --overwrite to replace it"));
        }
        Path temporary = new Path(path.getParent(), "." + path.getName() + ".tmp-" + UUID.randomUUID());
        try {
            try (OutputStream out = fs.create(temporary, false)) {
                content.writeTo(out, path.toString());
            }
            // Hadoop's rename does not replace an existing file; the window without one is a rename long.
            if (fs.exists(path) && !fs.delete(path, false)) {
                throw new IOException("cannot replace " + path);
            }
            if (!fs.rename(temporary, path)) {
                throw new IOException("cannot rename " + temporary + " to " + path);
            }
            return path;
        } catch (IOException | RuntimeException e) {
            try {
                fs.delete(temporary, false);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
