package dev.embeddings.checkpoint;

import java.io.Serializable;

/** What writing checkpoints cost a run, as its manifest records it: how many, their bytes and seconds in all. */
public record CheckpointCost(int written, long bytes, double seconds) implements Serializable {
}
