package dev.embeddings.cli;

import dev.embeddings.config.Validation;

import dev.embeddings.vectors.Neighbour;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The output of {@code nearest} and {@code analogy}: a heading, then ranked words with their similarity. */
final class NeighbourTable {

    private NeighbourTable() {
    }

    /** The defaults of {@code nearest}'s and {@code analogy}'s {@code --k}. */
    static Map<String, Object> defaults() {
        return Map.of("--k", 10);
    }

    static void checkK(int k) {
        Validation.range("--k", k, 1, 10_000);
    }

    static void print(PrintWriter out, String heading, List<Neighbour> neighbours) {
        out.println(heading);
        int width = 4;
        for (Neighbour n : neighbours) {
            width = Math.max(width, n.word().length());
        }
        for (int i = 0; i < neighbours.size(); i++) {
            Neighbour n = neighbours.get(i);
            out.printf(Locale.ROOT, "%4d  %-" + width + "s  %.4f%n", i + 1, n.word(), n.similarity());
        }
        out.flush();
    }
}
