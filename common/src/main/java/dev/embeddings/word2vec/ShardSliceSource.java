package dev.embeddings.word2vec;

import dev.embeddings.corpus.ShardReader;
import dev.embeddings.corpus.ShardSlice;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The sentences of a list of shard slices, read one after the other with {@link ShardReader} (which checks ids
 * against the vocabulary size), for one trainer thread. A shard that ends before its slice does is an error naming
 * it. {@link #close()} releases the current shard.
 */
public final class ShardSliceSource implements SentenceSource {

    /** Opens a shard by its path: a local file in plain Java, any Hadoop file system in the Spark jobs. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(String path) throws IOException;
    }

    private final List<ShardSlice> slices;
    private final int vocabularySize;
    private final Opener opener;
    private int nextSlice;
    private ShardSlice current;
    private ShardReader reader;
    private long position;

    public ShardSliceSource(List<ShardSlice> slices, int vocabularySize, Opener opener) {
        this.slices = List.copyOf(slices);
        this.vocabularySize = vocabularySize;
        this.opener = opener;
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
        current = slice;
        reader = new ShardReader(opener.open(slice.path()), slice.path(), vocabularySize);
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
