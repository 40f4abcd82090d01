package dev.embeddings.word2vec;

import dev.embeddings.corpus.ShardReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sentences of a list of shard files, read one after the other with {@link ShardReader} (which checks ids
 * against the vocabulary size). Closes each file when it is exhausted; {@link #close()} releases the current one.
 */
public final class ShardFilesSource implements SentenceSource {

    private final List<Path> shards;
    private final int vocabularySize;
    private int nextShard;
    private ShardReader reader;
    private Path current;

    public ShardFilesSource(List<Path> shards, int vocabularySize) {
        this.shards = List.copyOf(shards);
        this.vocabularySize = vocabularySize;
    }

    @Override
    public int next() throws IOException {
        while (true) {
            if (reader == null) {
                if (nextShard == shards.size()) {
                    return -1;
                }
                current = shards.get(nextShard++);
                reader = new ShardReader(Files.newInputStream(current), current.toString(), vocabularySize);
            }
            int length = reader.next();
            if (length >= 0) {
                return length;
            }
            close();
        }
    }

    @Override
    public int[] ids() {
        return reader.ids();
    }

    @Override
    public String name() {
        return current == null ? shards.toString() : current.toString();
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
