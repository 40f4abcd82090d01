package dev.embeddings.word2vec;

import dev.embeddings.corpus.ShardReader;
import dev.embeddings.corpus.ShardSlice;
import dev.embeddings.spark.SerializableConfiguration;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;

/** The sentences of a list of shard slices on a Hadoop file system, for one trainer thread. */
final class ShardSliceSource implements SentenceSource, AutoCloseable {

    private final List<ShardSlice> slices;
    private final int vocabularySize;
    private final SerializableConfiguration conf;
    private int nextSlice;
    private ShardSlice current;
    private ShardReader reader;
    private long position;

    ShardSliceSource(List<ShardSlice> slices, int vocabularySize, SerializableConfiguration conf) {
        this.slices = slices;
        this.vocabularySize = vocabularySize;
        this.conf = conf;
    }

    @Override
    public int next() throws IOException {
        while (true) {
            if (reader == null) {
                if (nextSlice == slices.size()) {
                    return -1;
                }
                open(slices.get(nextSlice++));
            }
            if (position < current.to()) {
                int length = reader.next();
                if (length < 0) {
                    throw new IOException(current.path() + ": ends at sentence " + position + ", the manifest says "
                            + "it has at least " + current.to());
                }
                position++;
                return length;
            }
            close();
        }
    }

    private void open(ShardSlice slice) throws IOException {
        Path path = new Path(slice.path());
        current = slice;
        reader = new ShardReader(path.getFileSystem(conf.get()).open(path), slice.path(), vocabularySize);
        // Shards are varint streams without an index: reach the slice by decoding the sentences before it.
        for (position = 0; position < slice.from(); position++) {
            if (reader.next() < 0) {
                throw new IOException(slice.path() + ": ends at sentence " + position + " before slice start "
                        + slice.from());
            }
        }
    }

    @Override
    public int[] ids() {
        return reader.ids();
    }

    @Override
    public String name() {
        return current == null ? "no shard" : current.path();
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            ShardReader r = reader;
            reader = null;
            r.close();
        }
    }
}
