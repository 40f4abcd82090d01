package dev.embeddings.align;

/** How far a word moved between two versions: cosine distance (1 - cos) after alignment, 0 = unchanged, up to 2. */
public record WordDrift(String word, double drift) {

    /** {@code word 0.123}, for logs and reports. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s %.3f", word, drift);
    }
}
