package dev.embeddings.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.VersionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * s3a:// paths checked before Spark starts: the s3a classes, the credentials and the endpoint are tried with one
 * quick request, and a failure becomes one line naming the setting to change ({@code fs.s3a.access.key},
 * {@code fs.s3a.endpoint}, ...). The settings are those the job will get ({@link DriverConf}).
 */
final class S3aSettings {

    private static final Logger LOG = LoggerFactory.getLogger(S3aSettings.class);
    private static final String SCHEME = "s3a";

    /** What a check does with the file system of its path. */
    interface Check {
        void run(FileSystem fs) throws IOException;
    }

    private S3aSettings() {
    }

    static boolean isS3a(Path path) {
        return SCHEME.equals(path.toUri().getScheme());
    }

    /**
     * Runs {@code check} on {@code path}'s file system, opened with few retries and short timeouts so that a wrong
     * setting fails in seconds; s3a failures are rethrown as one line naming {@code label} and the setting.
     */
    static void check(String label, Path path, Check check) throws IOException {
        Configuration conf = DriverConf.hadoop();
        try {
            FileSystem.getFileSystemClass(SCHEME, conf);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(label + ": the s3a file system (hadoop-aws) is not on the class path; "
                    + "the embedded runtime has it, a cluster needs hadoop-aws " + VersionInfo.getVersion()
                    + " and its aws-java-sdk-bundle (e.g. spark-submit --packages org.apache.hadoop:hadoop-aws:"
                    + VersionInfo.getVersion() + ")");
        }
        Configuration probe = new Configuration(conf);
        probe.setInt("fs.s3a.attempts.maximum", 1);
        probe.setInt("fs.s3a.retry.limit", 1);
        probe.set("fs.s3a.retry.interval", "100ms");
        probe.setInt("fs.s3a.connection.establish.timeout", 5_000);
        probe.setInt("fs.s3a.connection.timeout", 10_000);
        try (FileSystem fs = FileSystem.newInstance(path.toUri(), probe)) {
            check.run(fs);
        } catch (IOException | RuntimeException e) {
            Exception explained = explain(label, path, conf, e);
            if (explained == e) {
                throw e;
            }
            LOG.debug("{} failed", label, e);
            if (explained instanceof IllegalArgumentException usage) {
                throw usage;
            }
            throw (IOException) explained;
        }
    }

    /**
     * One line naming the setting behind an s3a failure (an IllegalArgumentException, exit status 2, for settings
     * that are missing; an IOException, 1, for what the store answered), or {@code e} itself when it is none of those.
     */
    private static Exception explain(String label, Path path, Configuration conf, Exception e) {
        String bucket = path.toUri().getHost();
        String endpoint = conf.getTrimmed("fs.s3a.bucket." + bucket + ".endpoint", conf.getTrimmed("fs.s3a.endpoint",
                ""));
        String where = endpoint.isEmpty() ? "AWS's default endpoint" : endpoint;
        for (Throwable t = e; t != null; t = t.getCause()) {
            // s3a reports it as the cause of an AccessDeniedException.
            if (t.getClass().getSimpleName().equals("NoAuthWithAWSException")) {
                return new IllegalArgumentException(label + ": no AWS credentials: set fs.s3a.access.key and "
                        + "fs.s3a.secret.key (--conf spark.hadoop.fs.s3a.access.key=...), or AWS_ACCESS_KEY_ID and "
                        + "AWS_SECRET_ACCESS_KEY, or run where an instance profile provides them");
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String type = t.getClass().getSimpleName();
            if (t instanceof AccessDeniedException) {
                return new IOException(label + ": " + where + " refused access to bucket " + bucket
                        + ": check fs.s3a.access.key and fs.s3a.secret.key (and the bucket's permissions): "
                        + firstLine(t));
            }
            if (type.equals("UnknownStoreException")) {
                return new IOException(label + ": bucket " + bucket + " does not exist at " + where
                        + " (fs.s3a.endpoint)");
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
                    || type.endsWith("ConnectTimeoutException")) {
                return new IOException(label + ": cannot reach the S3 endpoint " + where + ": " + firstLine(t)
                        + "; check fs.s3a.endpoint");
            }
        }
        return e;
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
