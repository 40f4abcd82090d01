package dev.embeddings.formats;

/**
 * A compact map from word to int id (open addressing over a String[] and an int[]), about 16 bytes per word
 * besides the strings themselves, where a {@code HashMap<String, Integer>} needs about 50.
 */
public final class WordIndex {

    private static final int MAX_CAPACITY = 1 << 30;

    private String[] keys;
    private int[] ids;
    private int size;

    public WordIndex() {
        this(16);
    }

    /** An index sized for {@code expectedWords} without rehashing. */
    public WordIndex(int expectedWords) {
        int capacity = 16;
        while (capacity < MAX_CAPACITY && capacity < 2L * expectedWords) {
            capacity <<= 1;
        }
        keys = new String[capacity];
        ids = new int[capacity];
    }

    public int size() {
        return size;
    }

    /** The id of {@code word}, or -1. */
    public int get(String word) {
        int mask = keys.length - 1;
        for (int slot = slot(word, mask); keys[slot] != null; slot = (slot + 1) & mask) {
            if (keys[slot].equals(word)) {
                return ids[slot];
            }
        }
        return -1;
    }

    /** Adds {@code word} with {@code id} unless it is present; returns the id it already had, or -1 if added. */
    public int putIfAbsent(String word, int id) {
        int mask = keys.length - 1;
        int slot = slot(word, mask);
        for (; keys[slot] != null; slot = (slot + 1) & mask) {
            if (keys[slot].equals(word)) {
                return ids[slot];
            }
        }
        keys[slot] = word;
        ids[slot] = id;
        if (++size > keys.length / 2) {
            grow();
        }
        return -1;
    }

    private void grow() {
        if (keys.length == MAX_CAPACITY) {
            if (size < MAX_CAPACITY - MAX_CAPACITY / 8) {
                return; // denser probing rather than failing
            }
            throw new IllegalStateException("too many words for one index: " + size);
        }
        String[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new String[oldKeys.length * 2];
        ids = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = slot(oldKeys[i], mask);
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                ids[slot] = oldIds[i];
            }
        }
    }

    private static int slot(String word, int mask) {
        int h = word.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
