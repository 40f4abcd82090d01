package dev.embeddings.corpus;

import dev.embeddings.io.Checksums;
import dev.embeddings.spark.FileSystems;
import dev.embeddings.spark.SerializableConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;

/**
 * Writes one partition of id sentences as shard {@code shard-NNNNN.ids}. Each task attempt writes its own file
 * and renames it into place only when complete, so a retried or speculative attempt never leaves a torn shard.
 */
final class WriteShardFunction implements Function2<Integer, Iterator<int[]>, Iterator<CorpusManifest.Shard>> {

    private static final long serialVersionUID = 1L;

    private final String shardDir;
    private final int maxSentenceLength;
    private final SerializableConfiguration conf;

    WriteShardFunction(String shardDir, int maxSentenceLength, SerializableConfiguration conf) {
        this.shardDir = shardDir;
        this.maxSentenceLength = maxSentenceLength;
        this.conf = conf;
    }

    static String shardName(int index) {
        return String.format("shard-%05d.ids", index);
    }

    @Override
    public Iterator<CorpusManifest.Shard> call(Integer index, Iterator<int[]> sentences) throws IOException {
        String name = shardName(index);
        Path dir = new Path(shardDir);
        FileSystem fs = FileSystems.get(dir, conf.get());
        TaskContext task = TaskContext.get();
        Path attempt = new Path(dir, "_" + name + ".attempt-" + (task == null ? 0 : task.taskAttemptId()));
        MessageDigest sha = Checksums.sha256();
        ShardWriter writer;
        try (OutputStream raw = fs.create(attempt, true)) {
            writer = new ShardWriter(new DigestOutputStream(raw, sha), maxSentenceLength);
            while (sentences.hasNext()) {
                int[] ids = sentences.next();
                writer.write(ids, ids.length);
            }
            writer.close();
        }
        Path target = new Path(dir, name);
        fs.delete(target, false);
        if (!fs.rename(attempt, target)) {
            throw new IOException("cannot rename " + attempt + " to " + target);
        }
        long bytes = fs.getFileStatus(target).getLen();
        CorpusManifest.Shard shard = new CorpusManifest.Shard(CorpusManifest.SHARD_DIR + "/" + name, bytes,
                writer.sentences(), writer.tokens(), Checksums.hex(sha), writer.tokenIndex());
        return List.of(shard).iterator();
    }
}
