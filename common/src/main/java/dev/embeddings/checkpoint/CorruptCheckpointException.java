package dev.embeddings.checkpoint;

import java.io.IOException;

/** A checkpoint file that is truncated, damaged or not a checkpoint at all: its checksum or layout is wrong. */
public final class CorruptCheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    public CorruptCheckpointException(String message) {
        super(message);
    }

    public CorruptCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
