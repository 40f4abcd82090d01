package dev.embeddings.word2vec;

/** Receives training progress about once a second, and once at the end, on the thread that called train. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void onProgress(TrainingProgress progress);
}
