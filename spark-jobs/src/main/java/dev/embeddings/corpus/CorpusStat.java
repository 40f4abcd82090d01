package dev.embeddings.corpus;

import java.util.Map;

/**
 * Corpus statistics that travel through the word-count shuffle as reserved keys. Tokens never contain U+0000,
 * so these keys cannot collide with words, and unlike Spark accumulators in transformations they are counted
 * exactly once even when tasks are retried.
 */
enum CorpusStat {
    LINES, DOCUMENTS, TOKENS, BYTES, INVALID_UTF8, DROPPED_LONG_TOKENS, SPLIT_LINES, DISTINCT_WORDS;

    private static final char PREFIX = '\u0000';

    String key() {
        return PREFIX + name();
    }

    static boolean isStat(String key) {
        return !key.isEmpty() && key.charAt(0) == PREFIX;
    }

    long in(Map<String, Long> stats) {
        return stats.getOrDefault(key(), 0L);
    }
}
