package dev.embeddings.align;

/** How far a word moved between two versions: cosine distance (1 - cos) after alignment, 0 = unchanged, up to 2. */
public record WordDrift(String word, double drift) {
}
