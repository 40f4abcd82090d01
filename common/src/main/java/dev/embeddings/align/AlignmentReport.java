package dev.embeddings.align;

import java.util.List;

/**
 * How a version published by {@code refresh} was aligned to the one before it, recorded in its
 * {@code manifest.json} (metrics {@code alignment}) and {@code refresh.json}. Drifts are cosine distances (1 - cos)
 * of a shared word's vectors in the two versions; "unaligned" is what they would be had the new vectors been
 * published as trained.
 *
 * @param alignedTo             the previous version's id: the published vectors are in its space
 * @param sharedWords           words in both versions, the support of the rotation
 * @param meanDrift             mean drift of the shared words, as published (aligned)
 * @param medianDrift           median drift, as published
 * @param meanUnalignedDrift    mean drift without the alignment
 * @param medianUnalignedDrift  median drift without the alignment
 * @param driftFile             the version's file listing every shared word's drift, largest first
 * @param topMovers             the shared words that moved most
 */
public record AlignmentReport(String alignedTo, int sharedWords, double meanDrift, double medianDrift,
        double meanUnalignedDrift, double medianUnalignedDrift, String driftFile, List<WordDrift> topMovers) {

    public static final String DRIFT_FILE = "drift.tsv";
    private static final int TOP_MOVERS = 20;

    public static AlignmentReport of(ProcrustesAlignment alignment, String alignedTo) {
        return new AlignmentReport(alignedTo, alignment.sharedWords(), alignment.meanDrift(), alignment.medianDrift(),
                alignment.meanUnalignedDrift(), alignment.medianUnalignedDrift(), DRIFT_FILE,
                alignment.topMovers(TOP_MOVERS));
    }
}
