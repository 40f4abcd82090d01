package dev.embeddings.cli;

import dev.embeddings.corpus.CorpusDirectory;
import dev.embeddings.corpus.InputFiles;
import dev.embeddings.publish.EarlierVectors;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks a command's local input paths before Spark starts, so a mistyped path fails in a moment with one line
 * naming it and its option, instead of after the session's start-up. Only paths on the local file system are
 * checked here (file:// paths, and plain paths when the default file system is local); hdfs://, s3a:// and the
 * like need the cluster's configuration and credentials, so the job checks them as before. The messages match the
 * job's own checks (the same code, on the local file system), and a missing input keeps the job's exit status.
 */
final class InputPaths {

    private InputPaths() {
    }

    /** Each of {@code paths} (a file, a directory or a glob) matches something, for those that are local. */
    static void checkExist(String option, List<String> paths) throws IOException {
        Configuration conf = new Configuration();
        for (String input : paths) {
            Path path = new Path(input);
            if (isLocal(path, conf)) {
                InputFiles.matches(FileSystem.getLocal(conf), path, input + " (" + option + ")");
            }
        }
    }

    /** {@code path} is a corpus directory written by {@code embeddings corpus} (it has a manifest), if local. */
    static void checkCorpus(String option, String path) throws IOException {
        Configuration conf = new Configuration();
        Path root = new Path(path);
        if (isLocal(root, conf)) {
            CorpusDirectory.requireManifest(FileSystem.getLocal(conf), root, path + " (" + option + ")");
        }
    }

    /** {@code path} is an earlier training output (it has vectors to start from), if local. */
    static void checkEarlierVectors(String option, String path) throws IOException {
        Configuration conf = new Configuration();
        Path dir = new Path(path);
        if (isLocal(dir, conf)) {
            EarlierVectors.requireVectors(FileSystem.getLocal(conf), dir, path + " (" + option + ")");
        }
    }

    private static boolean isLocal(Path path, Configuration conf) {
        String scheme = path.toUri().getScheme();
        if (scheme == null) {
            // A plain path is on the default file system: spark-submit's spark.hadoop.fs.defaultFS, else Hadoop's.
            String defaultFs = System.getProperty("spark.hadoop.fs.defaultFS");
            scheme = (defaultFs != null ? URI.create(defaultFs) : FileSystem.getDefaultUri(conf)).getScheme();
        }
        return "file".equals(scheme);
    }
}
