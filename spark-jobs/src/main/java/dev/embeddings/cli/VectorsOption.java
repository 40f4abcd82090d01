package dev.embeddings.cli;

import dev.embeddings.io.Json;
import dev.embeddings.publish.VectorLocation;
import dev.embeddings.publish.VectorsManifest;
import dev.embeddings.vectors.WordVectors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Option;

/** {@code --vectors FILE|DIR} of the query commands: a vector file, an output directory or a publish root. */
final class VectorsOption {

    @Option(names = "--vectors", required = true, paramLabel = "FILE|DIR",
            description = "Vector file (word2vec binary/text, GloVe text; detected), training output directory (its "
                    + VectorsManifest.BINARY + ") or publish root (its LATEST version's, checked against the "
                    + "manifest), on any Hadoop file system.")
    String location;

    WordVectors load(Configuration conf) throws IOException {
        VectorLocation vectors = VectorLocation.resolve(location, conf);
        if (vectors.parquet()) {
            throw new FileNotFoundException(vectors.path() + " is Parquet; give a vector file or a directory with "
                    + VectorsManifest.BINARY);
        }
        try (InputStream in = vectors.open(conf)) {
            return WordVectors.load(in, vectors.path().toString());
        }
    }

    /** The manifest of the output directory {@code --vectors} names; fails if it is not one. */
    VectorsManifest manifest(Configuration conf) throws IOException {
        Path dir = new Path(location);
        FileSystem fs = dir.getFileSystem(conf);
        Path file = new Path(fs.makeQualified(dir), VectorsManifest.FILE);
        if (!fs.exists(file)) {
            throw new FileNotFoundException("not a training output directory (no " + VectorsManifest.FILE + "): "
                    + fs.makeQualified(dir));
        }
        try (InputStream in = fs.open(file)) {
            return Json.read(in, VectorsManifest.class, file.toString());
        }
    }

    /** The vectors of a query about {@code words}: loaded, then checked to hold every one of them. */
    WordVectors loadContaining(List<String> words) throws IOException {
        WordVectors vectors = load(DriverConf.hadoop());
        requireKnown(vectors, words);
        return vectors;
    }

    /**
     * Fails naming every word of {@code words} missing from {@code vectors}. Not an IllegalArgumentException:
     * the command line was fine, the query just has no answer (exit status 1).
     */
    private void requireKnown(WordVectors vectors, List<String> words) {
        List<String> missing = new ArrayList<>();
        for (String word : words) {
            if (!vectors.contains(word) && !missing.contains(word)) {
                missing.add(word);
            }
        }
        if (!missing.isEmpty()) {
            throw new NoSuchElementException((missing.size() == 1 ? "word" : "words") + " not in the vocabulary of "
                    + location + ": " + missing.stream().map(w -> "'" + w + "'").collect(Collectors.joining(", ")));
        }
    }
}
