package dev.embeddings.subword;

import java.io.IOException;

/** A file that is not a fastText model this package reads: the message names the file, the byte offset and why. */
public final class FastTextFormatException extends IOException {

    FastTextFormatException(String source, long offset, String problem) {
        super(source + ": byte " + offset + ": " + problem);
    }
}
