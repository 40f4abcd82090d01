package dev.embeddings.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The file system of an output path, without the {@code .crc} side files Hadoop's local file system adds. */
public final class FileSystems {

    private FileSystems() {
    }

    public static FileSystem get(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        // Our manifests carry SHA-256 checksums; .crc files beside every output file only clutter the directory.
        fs.setWriteChecksum(false);
        return fs;
    }
}
