package dev.embeddings.refresh;

import dev.embeddings.align.WordDrift;
import dev.embeddings.corpus.CorpusManifest;
import java.util.List;

/**
 * {@code refresh.json}, published beside the vectors: what a refresh trained on and how the result compared with
 * the version before it. The next refresh compares its input listing with {@link #inputs()} to skip unchanged
 * input.
 *
 * @param inputs           every input file (path, bytes, modification time), as the corpus job listed them
 * @param previousVersion  the version this one was warm-started from and aligned to, or null
 * @param accuracy         analogy accuracy in percent, or null without an analogy file
 * @param previousAccuracy the previous version's accuracy on the same questions, or null
 * @param sharedWords      words shared with the previous version (the alignment's support)
 * @param meanDrift        mean cosine distance of the shared words after Procrustes alignment
 * @param topMovers        the shared words that moved most
 */
public record RefreshRecord(List<CorpusManifest.InputFile> inputs, String previousVersion, Double accuracy,
        Double previousAccuracy, int sharedWords, double meanDrift, List<WordDrift> topMovers) {

    public static final String FILE = "refresh.json";
}
