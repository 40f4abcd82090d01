package dev.embeddings.averaging;

import dev.embeddings.spark.SerializableConfiguration;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;

/**
 * The folder through which workers exchange rows ({@link ReplicaExchange.Store}) on a Hadoop file system all
 * executors reach: beside the job's output (HDFS, or the local disk in local mode). A file is written under a hidden
 * name and renamed when complete, so its existence is the signal a waiting worker polls for (Spark's own barrier
 * calls poll once a second, too slow for rounds of a second or two). Files are written with one replica: they live
 * for one round, and a lost one fails the stage, which restarts from a checkpoint.
 *
 * @param root    the folder, fully qualified
 * @param attempt the Spark stage attempt, so files of a failed attempt are never read by the next
 */
public record ExchangeDirectory(String root, int attempt, SerializableConfiguration hadoop)
        implements ReplicaExchange.Store, Serializable {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final long MAX_POLL_MILLIS = 20;

    @Override
    public OutputStream create(String name) throws IOException {
        Path file = path(name);
        Path partial = new Path(file.getParent(), "." + file.getName() + ".partial");
        FileSystem fs = fileSystem(file);
        return new FilterOutputStream(fs.create(partial, true, BUFFER_BYTES, (short) 1,
                fs.getDefaultBlockSize(partial))) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                super.close();
                if (!fs.rename(partial, file)) {
                    throw new IOException("cannot rename " + partial + " to " + file);
                }
            }
        };
    }

    /**
     * Polls for the files, every millisecond at first and at most every {@link #MAX_POLL_MILLIS}. Gives up when
     * Spark kills the task: a failed barrier stage kills its other tasks without interrupting their threads, and a
     * task still waiting would hold the slot the restarted stage needs.
     */
    @Override
    public void await(List<String> names) throws IOException, InterruptedException {
        TaskContext task = TaskContext.get();
        List<Path> missing = new ArrayList<>();
        for (String name : names) {
            missing.add(path(name));
        }
        FileSystem fs = fileSystem(missing.get(0));
        long pause = 1;
        while (true) {
            missing.removeIf(file -> {
                try {
                    return fs.exists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (missing.isEmpty()) {
                return;
            }
            if (task != null) {
                task.killTaskIfInterrupted();
            }
            Thread.sleep(pause);
            pause = Math.min(MAX_POLL_MILLIS, 2 * pause);
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        Path file = path(name);
        return fileSystem(file).open(file, BUFFER_BYTES);
    }

    @Override
    public void deleteRound(int round) throws IOException {
        Path folder = path(ReplicaExchange.roundName(round));
        fileSystem(folder).delete(folder, true);
    }

    /** Deletes the whole folder (after training, or before it to drop an earlier run's files). */
    public void deleteAll() throws IOException {
        Path folder = new Path(root);
        fileSystem(folder).delete(folder, true);
    }

    /**
     * The folder's file system; on the local disk without Hadoop's checksum layer, whose CRC files double the work
     * of a round's gigabytes (a truncated file is detected by its missing end mark all the same).
     */
    private FileSystem fileSystem(Path file) throws IOException {
        FileSystem fs = file.getFileSystem(hadoop.get());
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    private Path path(String name) {
        return new Path(new Path(root, "attempt-" + attempt), name);
    }
}
