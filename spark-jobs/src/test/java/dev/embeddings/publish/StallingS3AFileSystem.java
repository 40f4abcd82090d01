package dev.embeddings.publish;

import dev.embeddings.manifest.VectorsManifest;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.util.Progressable;

/**
 * The real s3a file system, except that a publisher writing {@code vectors.txt} into a version
 * ({@code versions/NNNNNN/}) stops for good after its first write, having created the file named by the system
 * property {@value StallingFileSystem#MARKER}: the moment a test kills it, with a version half-written to S3.
 * Installed as {@code fs.s3a.impl} in the publisher's JVM only.
 */
public final class StallingS3AFileSystem extends S3AFileSystem {

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        FSDataOutputStream out = super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
        boolean publishing = f.getName().equals(VectorsManifest.TEXT) && f.getParent().getName().matches("\\d{6,}");
        return publishing ? new FSDataOutputStream(new StallingFileSystem.StallAfterFirstWrite(out), null) : out;
    }
}
