package dev.embeddings.corpus;

/**
 * Which corpus a training read: its directory, the SHA-256 of its {@code manifest.json}, and its in-vocabulary
 * tokens; a vectors manifest holds one, so vectors can be traced to their corpus.
 */
public record CorpusReference(String path, String manifestSha256, long tokens) {
}
