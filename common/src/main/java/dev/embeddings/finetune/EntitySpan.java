package dev.embeddings.finetune;

/** An entity chunk: its type and the token range [start, end). */
public record EntitySpan(String type, int start, int end) {
}
