package dev.embeddings.finetune;

import java.util.List;

/** One classification example: its label and its tokens. */
public record LabeledText(String label, List<String> tokens) {

    public LabeledText {
        tokens = List.copyOf(tokens);
    }
}
