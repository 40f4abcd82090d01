package dev.embeddings.cli;

import dev.embeddings.formats.VectorFormat;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tiny hand-made vectors whose answers are known: woman - man = queen - king (the "female" axis), royalty is a
 * second axis, and apple is unrelated to all of them. Plus the command-line runner the CLI tests share.
 */
final class SmallVectors {

    static final String[] WORDS = {"man", "woman", "king", "queen", "apple"};
    static final float[] VALUES = {
        1, 0, 0, 0,
        1, 1, 0, 0,
        1, 0, 1, 0,
        1, 1, 1, 0,
        0, 0, 0, 1,
    };
    static final int DIM = 4;

    record Run(int status, String out, String err) {
    }

    private SmallVectors() {
    }

    static WordVectors vectors() {
        return WordVectors.of(WORDS, VALUES, DIM);
    }

    /** A directory holding vectors.bin, as a training output does. */
    static Path outputDirectory(Path parent) throws IOException {
        Path dir = Files.createDirectories(parent.resolve("run"));
        vectors().writeTo(dir.resolve("vectors.bin"), VectorFormat.WORD2VEC_BINARY);
        return dir;
    }

    static Path analogyFile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("analogies.txt"),
                ": family\nman woman king queen\nman king woman queen\n: missing\nman woman king zebra\n");
    }

    static Path similarityFile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("similarity.tsv"),
                "king queen 9\nman woman 8\nman queen 5\nking apple 1\nwoman apple 0.5\nzebra apple 3\n");
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }
}
