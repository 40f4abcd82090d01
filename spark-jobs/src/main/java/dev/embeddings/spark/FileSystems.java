package dev.embeddings.spark;

import java.io.IOException;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The file system of an output path, without the {@code .crc} side files Hadoop's local file system adds. */
public final class FileSystems {

    /**
     * Object stores: a rename there copies object by object, so it is neither atomic nor cheap, and an object
     * appears whole when its upload completes (a single PUT replaces an object atomically).
     */
    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "oss", "cosn", "obs", "wasb",
            "wasbs");

    private FileSystems() {
    }

    public static FileSystem get(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        // Our manifests carry SHA-256 checksums; .crc files beside every output file only clutter the directory.
        fs.setWriteChecksum(false);
        return fs;
    }

    /** True for HDFS and local file systems, whose rename of a file or directory is atomic; false on object stores. */
    public static boolean renameIsAtomic(FileSystem fs) {
        return !OBJECT_STORES.contains(fs.getUri().getScheme());
    }
}
