package dev.embeddings.cli;

import dev.embeddings.corpus.CorpusDirectory;
import dev.embeddings.corpus.InputFiles;
import dev.embeddings.publish.EarlierVectors;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks a command's input paths before Spark starts, so a mistyped path fails in a moment with one line naming it
 * and its option, instead of after the session's start-up. Paths on the local file system (file:// paths, and plain
 * paths when the default file system is local) and s3a:// paths (with the driver's s3a settings, whose failures name
 * the setting to change: {@link S3aSettings}) are checked here; hdfs:// and the like need the cluster's
 * configuration, so the job checks them as before. The messages match the job's own checks (the same code), and a
 * missing input keeps the job's exit status.
 */
final class InputPaths {

    private InputPaths() {
    }

    /** Each of {@code paths} (a file, a directory or a glob) matches something, for those that are local. */
    static void checkExist(String option, List<String> paths) throws IOException {
        Configuration conf = DriverConf.hadoop();
        for (String input : paths) {
            Path path = new Path(input);
            String label = input + " (" + option + ")";
            if (isLocal(path, conf)) {
                InputFiles.matches(FileSystem.getLocal(conf), path, label);
            } else if (S3aSettings.isS3a(path)) {
                S3aSettings.check(label, path, fs -> InputFiles.matches(fs, path, label));
            }
        }
    }

    /** {@code path} is a corpus directory written by {@code embeddings corpus} (it has a manifest). */
    static void checkCorpus(String option, String path) throws IOException {
        Configuration conf = DriverConf.hadoop();
        Path root = new Path(path);
        String label = path + " (" + option + ")";
        if (isLocal(root, conf)) {
            CorpusDirectory.requireManifest(FileSystem.getLocal(conf), root, label);
        } else if (S3aSettings.isS3a(root)) {
            S3aSettings.check(label, root, fs -> CorpusDirectory.requireManifest(fs, root, label));
        }
    }

    /** {@code path} is an earlier training output (it has vectors to start from). */
    static void checkEarlierVectors(String option, String path) throws IOException {
        Configuration conf = DriverConf.hadoop();
        Path dir = new Path(path);
        String label = path + " (" + option + ")";
        if (isLocal(dir, conf)) {
            EarlierVectors.requireVectors(FileSystem.getLocal(conf), dir, label);
        } else if (S3aSettings.isS3a(dir)) {
            S3aSettings.check(label, dir, fs -> EarlierVectors.requireVectors(fs, dir, label));
        }
    }

    /**
     * An output (or publish root) on s3a: its bucket answers with the driver's settings. Other outputs are checked
     * by the job when it stages them.
     */
    static void checkOutput(String option, String path) throws IOException {
        Path output = new Path(path);
        if (S3aSettings.isS3a(output)) {
            S3aSettings.check(path + " (" + option + ")", output, fs -> fs.exists(output));
        }
    }

    private static boolean isLocal(Path path, Configuration conf) {
        String scheme = path.toUri().getScheme();
        if (scheme == null) {
            // A plain path is on the default file system: spark-submit's spark.hadoop.fs.defaultFS, else Hadoop's.
            scheme = FileSystem.getDefaultUri(conf).getScheme();
        }
        return "file".equals(scheme);
    }
}
