package dev.embeddings.finetune;

import java.util.List;

/** One sequence-labelling example: words and one tag per word (IOB2 after reading). */
public record TaggedSentence(List<String> words, List<String> tags) {

    public TaggedSentence {
        words = List.copyOf(words);
        tags = List.copyOf(tags);
        if (words.size() != tags.size()) {
            throw new IllegalArgumentException(words.size() + " words but " + tags.size() + " tags");
        }
    }
}
