package dev.embeddings.finetune.crf;

import java.util.List;

/**
 * Which tag sequences are valid IOB2: {@code I-X} may only follow {@code B-X} or {@code I-X}, so a sentence cannot
 * start with it and {@code O}, {@code B-Y} or {@code I-Y} (Y other than X) cannot precede it. Every other start and
 * transition is allowed, and any tag may end a sentence.
 */
public final class TagConstraints {

    private final List<String> names;
    private final boolean[] allowedStart;
    private final boolean[] allowed;

    private TagConstraints(List<String> names) {
        this.names = List.copyOf(names);
        int tags = names.size();
        allowedStart = new boolean[tags];
        allowed = new boolean[tags * tags];
        for (int to = 0; to < tags; to++) {
            String inside = insideType(names.get(to));
            allowedStart[to] = inside == null;
            for (int from = 0; from < tags; from++) {
                String previous = names.get(from);
                allowed[from * tags + to] = inside == null
                        || ((previous.startsWith("B-") || previous.startsWith("I-"))
                        && previous.substring(2).equals(inside));
            }
        }
    }

    /** The constraints of IOB2 tags named {@code O}, {@code B-TYPE} or {@code I-TYPE}, in output-unit order. */
    public static TagConstraints iob2(List<String> tags) {
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a CRF needs at least one tag");
        }
        return new TagConstraints(tags);
    }

    /** The type X of an {@code I-X} tag, else null. */
    private static String insideType(String tag) {
        return tag.startsWith("I-") && tag.length() > 2 ? tag.substring(2) : null;
    }

    public int tags() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }

    String name(int tag) {
        return names.get(tag);
    }

    public boolean allowsStart(int tag) {
        return allowedStart[tag];
    }

    public boolean allows(int from, int to) {
        return allowed[from * names.size() + to];
    }
}
