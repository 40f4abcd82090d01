package dev.embeddings.formats;

import java.io.IOException;

/** Receives rows from a {@link VectorReader}; {@code vector} is reused for the next row, so copy what you keep. */
@FunctionalInterface
public interface VectorRowConsumer {
    void accept(String word, float[] vector) throws IOException;
}
