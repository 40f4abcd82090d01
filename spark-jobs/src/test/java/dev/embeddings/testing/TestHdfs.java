package dev.embeddings.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real HDFS for a test: a MiniDFSCluster (one NameNode, one DataNode) keeping its data under a directory. */
public final class TestHdfs implements AutoCloseable {

    private final Configuration conf;
    private final MiniDFSCluster cluster;

    private TestHdfs(Configuration conf, MiniDFSCluster cluster) {
        this.conf = conf;
        this.cluster = cluster;
    }

    /** Starts the cluster with its data in {@code dir/dfs} and waits until it serves requests. */
    public static TestHdfs start(Path dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            cluster.waitActive();
        } catch (IOException | RuntimeException e) {
            cluster.shutdown();
            throw e;
        }
        return new TestHdfs(conf, cluster);
    }

    /** The configuration the cluster was started with (its file system is the default one). */
    public Configuration conf() {
        return conf;
    }

    public FileSystem fileSystem() throws IOException {
        return cluster.getFileSystem();
    }

    /** The {@code hdfs://host:port} prefix of paths on this cluster. */
    public String uri() throws IOException {
        return fileSystem().getUri().toString();
    }

    @Override
    public void close() {
        cluster.shutdown();
    }
}
