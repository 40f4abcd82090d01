package dev.embeddings.formats;

import java.io.IOException;

/** A vector file that cannot be read as its format: the message names the file, where (line or byte) and why. */
public final class VectorFormatException extends IOException {

    VectorFormatException(String source, String where, String problem) {
        super(source + ": " + where + ": " + problem);
    }
}
