package dev.embeddings.cli;

import dev.embeddings.io.Json;
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

/** {@code --vectors FILE|DIR} of the query commands: a vector file, or an output directory's vectors.bin. */
final class VectorsOption {

    @Option(names = "--vectors", required = true, paramLabel = "FILE|DIR",
            description = "Vector file (word2vec binary/text, GloVe text; detected) or training output directory "
                    + "(its " + VectorsManifest.BINARY + "), on any Hadoop file system.")
    String location;

    /** The vector file: the location itself, or DIR/vectors.bin. */
    Path file(Configuration conf) throws IOException {
        Path path = new Path(location);
        FileSystem fs = path.getFileSystem(conf);
        path = fs.makeQualified(path);
        if (!fs.exists(path)) {
            throw new FileNotFoundException("vectors not found: " + path);
        }
        if (fs.getFileStatus(path).isDirectory()) {
            Path binary = new Path(path, VectorsManifest.BINARY);
            if (!fs.exists(binary)) {
                throw new FileNotFoundException("no " + VectorsManifest.BINARY + " in directory " + path);
            }
            return binary;
        }
        return path;
    }

    WordVectors load(Configuration conf) throws IOException {
        Path file = file(conf);
        try (InputStream in = file.getFileSystem(conf).open(file)) {
            return WordVectors.load(in, file.toString());
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
