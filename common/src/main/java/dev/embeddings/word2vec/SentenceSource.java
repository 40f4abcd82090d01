package dev.embeddings.word2vec;

import java.io.IOException;
import java.util.List;

/**
 * A stream of id-encoded sentences one trainer thread consumes, with the same shape as
 * {@link dev.embeddings.corpus.ShardReader}: {@link #next()} fills {@link #ids()} and returns the length. Single
 * use, single thread; give each thread its own source (e.g. its part of a shard, or its list of shard files). The
 * trainer closes each source when its thread is done with it, also after a failure.
 */
public interface SentenceSource extends AutoCloseable {

    /** Reads the next sentence into {@link #ids()} and returns its length, or -1 at the end. */
    int next() throws IOException;

    /** The buffer holding the sentence {@link #next()} read; may be overwritten by the next call. */
    int[] ids();

    /** Names the source (file, partition) in error messages. */
    String name();

    /** Releases what the source holds open; nothing by default. */
    @Override
    default void close() throws IOException {
    }

    /** The sentences of an in-memory list, in order. */
    static SentenceSource of(List<int[]> sentences, String name) {
        return new SentenceSource() {
            private int index;
            private int[] current;

            @Override
            public int next() {
                if (index == sentences.size()) {
                    return -1;
                }
                current = sentences.get(index++);
                return current.length;
            }

            @Override
            public int[] ids() {
                return current;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
