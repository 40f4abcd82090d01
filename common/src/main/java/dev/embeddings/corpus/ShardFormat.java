package dev.embeddings.corpus;

/**
 * The layout of a training-corpus shard ({@code shard-NNNNN.ids}), written by {@link ShardWriter} and streamed by
 * {@link ShardReader}:
 * <pre>
 *   magic "EMBIDS01" (8 bytes) | maxSentenceLength (varint)
 *   sentence*: length n (varint, 1..maxSentenceLength) | n word ids (varint each)
 *   end: 0 (varint) | sentence count (varint) | token count (varint)
 * </pre>
 * Ids are vocabulary ranks, so frequent words take one byte. The end record lets a reader tell a complete shard
 * from a truncated one. Documents longer than maxSentenceLength are split into several sentences.
 */
final class ShardFormat {
    static final byte[] MAGIC = {'E', 'M', 'B', 'I', 'D', 'S', '0', '1'};

    private ShardFormat() {
    }
}
