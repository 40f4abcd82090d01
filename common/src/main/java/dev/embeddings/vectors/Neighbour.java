package dev.embeddings.vectors;

/** A word found by a nearest-neighbour query, with its id and cosine similarity to the query. */
public record Neighbour(String word, int id, float similarity) {
}
