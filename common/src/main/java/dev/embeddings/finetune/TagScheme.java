package dev.embeddings.finetune;

import java.util.ArrayList;
import java.util.List;

/**
 * Chunk tag schemes. In IOB2 every chunk begins with {@code B-}; in IOB1 a chunk begins with {@code I-} and
 * {@code B-} only separates two adjacent chunks of the same type. Tags are {@code O}, {@code B-TYPE} or
 * {@code I-TYPE}.
 */
public enum TagScheme {
    IOB1, IOB2;

    /**
     * Rewrites {@code tags} in this scheme as valid IOB2 tags (a copy): an {@code I-X} that does not continue a
     * chunk of type X becomes {@code B-X}. In IOB1 that is how chunks start; in IOB2 input it repairs a stray
     * {@code I-X}, which {@link #spans} (as conlleval) already reads as the start of a chunk, so the chunks stay the
     * same. The CRF tagger needs valid gold sequences: it gives invalid ones no probability.
     */
    public List<String> toIob2(List<String> tags) {
        List<String> out = new ArrayList<>(tags.size());
        String previousType = null;
        for (String tag : tags) {
            String type = type(tag);
            if (tag.startsWith("I-") && !type.equals(previousType)) {
                out.add("B-" + type);
            } else {
                out.add(tag);
            }
            previousType = type;
        }
        return out;
    }

    /** The chunk type of a tag, or null for {@code O}. */
    static String type(String tag) {
        return tag.equals("O") ? null : tag.substring(2);
    }

    /** Whether {@code tag} is O, B-TYPE or I-TYPE with a non-empty type. */
    static boolean isValid(String tag) {
        return tag.equals("O") || ((tag.startsWith("B-") || tag.startsWith("I-")) && tag.length() > 2);
    }

    /**
     * The entity chunks in a tag sequence, found as the CoNLL {@code conlleval} script finds them: {@code B-X}
     * always starts a chunk; {@code I-X} continues the open chunk only if that chunk has type X, otherwise (after
     * {@code O} or a chunk of another type) it starts a new one; {@code O} closes the open chunk.
     */
    public static List<EntitySpan> spans(List<String> tags) {
        List<EntitySpan> spans = new ArrayList<>();
        String openType = null;
        int openStart = -1;
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            String type = type(tag);
            boolean continues = type != null && tag.startsWith("I-") && type.equals(openType);
            if (!continues) {
                if (openType != null) {
                    spans.add(new EntitySpan(openType, openStart, i));
                }
                openType = type;
                openStart = i;
            }
        }
        if (openType != null) {
            spans.add(new EntitySpan(openType, openStart, tags.size()));
        }
        return spans;
    }
}
