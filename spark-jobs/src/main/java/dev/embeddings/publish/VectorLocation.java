package dev.embeddings.publish;

import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.spark.FileSystems;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Vectors where a team keeps them, on any Hadoop file system: a publish root (its {@code LATEST} version's
 * {@code vectors.bin}), a training output directory (its {@code vectors.bin}), a Parquet directory or file, or a
 * vector file of any format the readers detect.
 *
 * @param path       the vector file, or the Parquet directory or file
 * @param parquet    whether {@code path} is Parquet (read by Spark, not {@link #open})
 * @param repository the publish root, when the location is one
 * @param version    its current version, when the location is a publish root
 */
public record VectorLocation(Path path, boolean parquet, VectorsRepository repository, PublishedVersion version) {

    /** Finds the vectors at {@code location}; fails naming it when there are none. */
    public static VectorLocation resolve(String location, Configuration conf) throws IOException {
        Path path = new Path(location);
        FileSystem fs = FileSystems.get(path, conf);
        path = fs.makeQualified(path);
        if (!fs.exists(path)) {
            throw new FileNotFoundException("vectors not found: " + path);
        }
        if (fs.exists(new Path(path, VectorsRepository.LATEST))) {
            VectorsRepository repository = VectorsRepository.open(PublishConfig.of(path.toString()), conf);
            PublishedVersion version = repository.latest().orElseThrow(() -> new FileNotFoundException(
                    "nothing published under " + location));
            return new VectorLocation(new Path(version.dir(), VectorsManifest.BINARY), false, repository, version);
        }
        FileStatus status = fs.getFileStatus(path);
        if (status.isDirectory() && fs.exists(new Path(path, VectorsManifest.BINARY))) {
            return new VectorLocation(new Path(path, VectorsManifest.BINARY), false, null, null);
        }
        if (isParquet(fs, status)) {
            return new VectorLocation(path, true, null, null);
        }
        if (status.isDirectory()) {
            throw new FileNotFoundException("no vectors in directory " + path + ": expected "
                    + VectorsRepository.LATEST + " (a publish root), " + VectorsManifest.BINARY
                    + " (a training output) or Parquet files");
        }
        return new VectorLocation(path, false, null, null);
    }

    private static boolean isParquet(FileSystem fs, FileStatus status) throws IOException {
        if (status.getPath().getName().endsWith(".parquet")) {
            return true;
        }
        if (status.isDirectory()) {
            for (FileStatus file : fs.listStatus(status.getPath())) {
                if (file.getPath().getName().endsWith(".parquet")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The vector file; a published version's is checked against its manifest as it is read (on close). */
    public InputStream open(Configuration conf) throws IOException {
        if (parquet) {
            throw new IOException(path + " is Parquet: read it with Spark (VectorFrames.read)");
        }
        if (version != null) {
            return repository.open(version, VectorsManifest.BINARY);
        }
        return FileSystems.get(path, conf).open(path);
    }
}
