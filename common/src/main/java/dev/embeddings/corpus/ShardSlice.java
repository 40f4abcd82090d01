package dev.embeddings.corpus;

import java.io.Serializable;

/**
 * Sentences [from, to) of one shard: the unit of data a worker thread trains on in one averaging round.
 *
 * @param path   the shard's full path (any Hadoop file system)
 * @param tokens the tokens in the slice, estimated: its piece's share of the shard's tokens (or, for a shard without
 *               a {@link ShardTokenIndex}, its sentences times the shard's average sentence length)
 */
public record ShardSlice(String path, long from, long to, long tokens) implements Serializable {

    public long sentences() {
        return to - from;
    }
}
