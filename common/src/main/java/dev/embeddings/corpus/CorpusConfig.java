package dev.embeddings.corpus;

import dev.embeddings.config.Validation;
import java.util.List;

/**
 * Everything the corpus job needs, validated up front so a bad parameter fails before Spark starts.
 *
 * @param inputs          Hadoop paths (files or directories; file://, hdfs://, s3a:// or plain local paths)
 * @param output          the output directory (written to a staging directory, renamed into place when complete)
 * @param minCount        words seen fewer times are left out of the vocabulary
 * @param maxVocab        keep at most this many words (the most frequent); 0 = no limit
 * @param lowercase       lower-case text before tokenizing
 * @param shards          number of shard files (one training task reads one or more shards)
 * @param order           the order sentences are written (and trained) in: shuffled, or the input's
 * @param maxTokenLength  longer tokens are dropped and counted
 * @param maxSentenceLength longer documents are cut into sentences of this many in-vocabulary tokens
 * @param maxChunkBytes   lines longer than this are read in pieces cut at whitespace, bounding memory
 * @param overwrite       replace an existing output directory
 */
public record CorpusConfig(
        List<String> inputs,
        String output,
        long minCount,
        int maxVocab,
        boolean lowercase,
        int shards,
        SentenceOrder order,
        int maxTokenLength,
        int maxSentenceLength,
        int maxChunkBytes,
        boolean overwrite) {

    public static final long DEFAULT_MIN_COUNT = 5;
    /** No limit. */
    public static final int DEFAULT_MAX_VOCAB = 0;
    public static final boolean DEFAULT_LOWERCASE = true;
    public static final int DEFAULT_SHARDS = 4;
    public static final SentenceOrder DEFAULT_ORDER = SentenceOrder.SHUFFLED;
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 100;
    public static final int DEFAULT_MAX_SENTENCE_LENGTH = 1000;
    public static final int DEFAULT_MAX_CHUNK_BYTES = 1 << 20;

    public CorpusConfig {
        inputs = List.copyOf(inputs);
        if (order == null) {
            throw new IllegalArgumentException("order must be shuffled or input, got null");
        }
        validate(inputs, output, minCount, maxVocab, shards, maxTokenLength, maxSentenceLength, maxChunkBytes);
    }

    /** The corpus of {@code inputs} into {@code output} with every other setting at its default. */
    public static CorpusConfig withDefaults(List<String> inputs, String output) {
        return new CorpusConfig(inputs, output, DEFAULT_MIN_COUNT, DEFAULT_MAX_VOCAB, DEFAULT_LOWERCASE, DEFAULT_SHARDS,
                DEFAULT_ORDER, DEFAULT_MAX_TOKEN_LENGTH, DEFAULT_MAX_SENTENCE_LENGTH, DEFAULT_MAX_CHUNK_BYTES, false);
    }

    /** The least count of a vocabulary word. */
    public static void minCount(long minCount) {
        Validation.atLeast("minCount", minCount, 1);
    }

    /** The most words of a vocabulary (0 = no limit). */
    public static void maxVocab(int maxVocab) {
        Validation.range("maxVocab", maxVocab, 0, Integer.MAX_VALUE - 8);
    }

    private static void validate(List<String> inputs, String output, long minCount, int maxVocab, int shards,
            int maxTokenLength, int maxSentenceLength, int maxChunkBytes) {
        if (inputs.isEmpty() || inputs.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new IllegalArgumentException("inputs: give at least one path (comma-separated for several)");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("output: give the output directory");
        }
        minCount(minCount);
        maxVocab(maxVocab);
        Validation.range("shards", shards, 1, 100_000);
        Validation.range("maxTokenLength", maxTokenLength, 1, 10_000);
        Validation.range("maxSentenceLength", maxSentenceLength, 1, 1 << 20);
        Validation.range("maxChunkBytes", maxChunkBytes, 1024, 1 << 30);
    }
}
