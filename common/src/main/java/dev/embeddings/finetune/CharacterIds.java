package dev.embeddings.finetune;

/**
 * Character ids for the tagger's character CNN, fixed so that a saved model needs no character table: a code point
 * below 128 (ASCII) has its own id, any other shares one of 128 buckets by its value modulo 128. Id
 * {@value #PADDING} pads; a word keeps its first {@value #MAX_WORD_LENGTH} characters.
 */
final class CharacterIds {

    static final int PADDING = 0;
    private static final int ASCII = 128;
    private static final int BUCKETS = 128;
    /** Number of ids (rows of the character embedding table). */
    static final int COUNT = 1 + ASCII + BUCKETS;
    static final int MAX_WORD_LENGTH = 20;

    private CharacterIds() {
    }

    static int of(int codePoint) {
        return codePoint < ASCII ? 1 + codePoint : 1 + ASCII + codePoint % BUCKETS;
    }

    /** The ids of the word's first {@value #MAX_WORD_LENGTH} characters (code points). */
    static int[] encode(String word) {
        int[] ids = word.codePoints().limit(MAX_WORD_LENGTH).map(CharacterIds::of).toArray();
        return ids.length == 0 ? new int[] {PADDING} : ids;
    }
}
