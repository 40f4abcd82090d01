package dev.embeddings.subword;

import dev.embeddings.formats.WordIndex;

/**
 * The words of a fastText model with their corpus counts: word {@code i} owns row {@code i} of the input matrix
 * (and of the output matrix), and the character n-gram buckets follow. {@code ntokens} is the number of tokens in
 * the corpus that trained the model, as fastText's {@code Dictionary} saves it. Words only: no labels. Immutable.
 */
public final class FastTextDictionary {

    /** fastText's {@code Dictionary::EOS}, the token it reads at the end of each line: a word without n-grams. */
    public static final String END_OF_SENTENCE = "</s>";

    private final String[] words;
    private final long[] counts;
    private final long ntokens;
    private final WordIndex ids;

    /**
     * Takes copies of {@code words} and {@code counts} (one per word). Words are non-empty, distinct and without
     * {@code U+0000} (the file ends each word with a zero byte); counts and {@code ntokens} are >= 0.
     */
    public FastTextDictionary(String[] words, long[] counts, long ntokens) {
        if (words.length != counts.length) {
            throw new IllegalArgumentException(words.length + " words but " + counts.length + " counts");
        }
        if (ntokens < 0) {
            throw new IllegalArgumentException("ntokens must be >= 0, got " + ntokens);
        }
        this.words = words.clone();
        this.counts = counts.clone();
        this.ntokens = ntokens;
        this.ids = new WordIndex(words.length);
        for (int i = 0; i < words.length; i++) {
            String word = this.words[i];
            if (word == null || word.isEmpty() || word.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("word " + i + " is empty or holds U+0000: '" + word + "'");
            }
            if (this.counts[i] < 0) {
                throw new IllegalArgumentException("word " + i + " ('" + word + "') has count " + this.counts[i]);
            }
            if (ids.putIfAbsent(word, i) >= 0) {
                throw new IllegalArgumentException("duplicate word " + i + ": '" + word + "'");
            }
        }
    }

    /** Number of words, which is also the first n-gram row. */
    public int size() {
        return words.length;
    }

    public String word(int id) {
        return words[id];
    }

    /** The words, row order (a copy). */
    public String[] words() {
        return words.clone();
    }

    public long count(int id) {
        return counts[id];
    }

    public long ntokens() {
        return ntokens;
    }

    /** The id (row) of {@code word}, or -1 if it is not in the dictionary. */
    public int id(String word) {
        return ids.get(word);
    }
}
