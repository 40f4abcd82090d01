package dev.embeddings.corpus;

/**
 * How a corpus run with a {@link WordCountCache} got its word counts; a refresh records it in refresh.json.
 *
 * @param inputFiles   input files of the run
 * @param reused       files whose cached counts were merged without reading the file
 * @param counted      files read and counted (new, changed, or with an unusable cache entry)
 * @param corrupt      of {@code counted}, files whose cache entry existed but was corrupt or incomplete
 * @param droppedStale cache entries removed because their file is gone or changed
 */
public record CountReuse(int inputFiles, int reused, int counted, int corrupt, int droppedStale) {

    @Override
    public String toString() {
        return String.format("%d of %d input files unchanged, reused; %d counted (%d for a corrupt cache entry); "
                + "%d stale cache entries dropped", reused, inputFiles, counted, corrupt, droppedStale);
    }
}
