package dev.embeddings.finetune;

import java.util.List;

/** Word-shape features for the tagger, which sees words through case-folded vectors. One category per word. */
public enum Casing {
    ALL_DIGITS, HAS_DIGIT, ALL_LOWER, ALL_CAPS, INITIAL_CAP, MIXED, OTHER;

    public static Casing of(String word) {
        int letters = 0;
        int upper = 0;
        int lower = 0;
        int digits = 0;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            if (Character.isDigit(cp)) {
                digits++;
            } else if (Character.isLetter(cp)) {
                letters++;
                if (Character.isUpperCase(cp)) {
                    upper++;
                } else if (Character.isLowerCase(cp)) {
                    lower++;
                }
            }
            i += Character.charCount(cp);
        }
        if (digits > 0) {
            return digits == word.codePointCount(0, word.length()) ? ALL_DIGITS : HAS_DIGIT;
        }
        if (letters == 0) {
            return OTHER;
        }
        if (upper == 0) {
            return ALL_LOWER;
        }
        if (lower == 0) {
            return ALL_CAPS;
        }
        return upper == 1 && Character.isUpperCase(word.codePointAt(0)) ? INITIAL_CAP : MIXED;
    }

    public static int[] encode(List<String> words) {
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = of(words.get(i)).ordinal();
        }
        return ids;
    }
}
