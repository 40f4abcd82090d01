package dev.embeddings.cli;

import dev.embeddings.io.Json;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.publish.VectorLocation;
import dev.embeddings.spark.FileSystems;
import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.subword.FastTextFormatException;
import dev.embeddings.subword.SubwordVectors;
import dev.embeddings.vectors.WordVectors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Option;

/**
 * {@code --vectors FILE|DIR} of the query commands: a vector file (a fastText {@code .bin} model too), an output
 * directory or a publish root. The subword model that composes vectors for unseen words is the {@code .bin} itself,
 * or the model.bin beside the vector file of a directory (written by {@code word2vec --maxn}).
 */
final class VectorsOption {

    @Option(names = "--vectors", required = true, paramLabel = "FILE|DIR",
            description = "Vector file (word2vec binary/text, GloVe text, or a fastText .bin model; detected), "
                    + "training output directory (its " + VectorsManifest.BINARY + ", and its "
                    + VectorsManifest.FASTTEXT_MODEL + " for unseen words) or publish root (its LATEST version's, "
                    + "checked against the manifest), on any Hadoop file system.")
    String location;

    /**
     * The vectors (of a fastText .bin: its words', with its subwords); a .bin this does not read fails naming
     * --vectors and the problem.
     */
    WordVectors load(Configuration conf) throws IOException {
        VectorLocation vectors = resolve(conf);
        long size = FileSystems.get(vectors.path(), conf).getFileStatus(vectors.path()).getLen();
        try (InputStream in = vectors.open(conf)) {
            return WordVectors.load(in, size, vectors.path().toString());
        } catch (FastTextFormatException e) {
            throw naming(e);
        }
    }

    /**
     * The subword model that comes with the vectors: {@code --vectors} itself when it is a fastText .bin, else the
     * output directory's model.bin; empty when there is none.
     */
    Optional<Path> subwordModel(Configuration conf) throws IOException {
        Path file = resolve(conf).path();
        FileSystem fs = FileSystems.get(file, conf);
        byte[] head;
        try (InputStream in = fs.open(file)) {
            head = in.readNBytes(Integer.BYTES);
        }
        if (FastTextBinary.hasMagic(head)) {
            return Optional.of(file);
        }
        // A directory's vector file is not the location itself; a file given alone has no model beside it.
        boolean inDirectory = !file.equals(fs.makeQualified(new Path(location)));
        Path model = new Path(file.getParent(), VectorsManifest.FASTTEXT_MODEL);
        return inDirectory && fs.exists(model) ? Optional.of(model) : Optional.empty();
    }

    /** The vector file --vectors names; Parquet is refused, as the query commands read vector files. */
    private VectorLocation resolve(Configuration conf) throws IOException {
        VectorLocation vectors = VectorLocation.resolve(location, conf);
        if (vectors.parquet()) {
            throw new FileNotFoundException(vectors.path() + " is Parquet; give a vector file or a directory with "
                    + VectorsManifest.BINARY);
        }
        return vectors;
    }

    /**
     * The vectors with the subword model that comes with them ({@link #subwordModel}), or without one when there is
     * none. Fails in one line naming --vectors when the model is no fastText model this reads or its dimension
     * differs from the vectors'.
     */
    WordVectors loadWithSubwords(Configuration conf) throws IOException {
        return withSubwords(load(conf), conf);
    }

    /** {@code vectors}, loaded from --vectors, with the subword model that comes with them if any. */
    private WordVectors withSubwords(WordVectors vectors, Configuration conf) throws IOException {
        Optional<Path> model = subwordModel(conf);
        if (model.isEmpty() || vectors.subwords().isPresent()) {
            return vectors;
        }
        SubwordVectors subwords = readModel(model.get(), conf);
        if (subwords.dimension() != vectors.dimension()) {
            throw new IOException("--vectors " + location + ": its subword model " + model.get() + " has dimension "
                    + subwords.dimension() + " but its vectors " + resolve(conf).path() + " have "
                    + vectors.dimension() + ": they are not one model's");
        }
        return vectors.withSubwords(subwords);
    }

    private SubwordVectors readModel(Path file, Configuration conf) throws IOException {
        FileSystem fs = FileSystems.get(file, conf);
        try (InputStream in = fs.open(file)) {
            return FastTextBinary.readVectors(in, fs.getFileStatus(file).getLen(), file.toString());
        } catch (FastTextFormatException e) {
            throw naming(e);
        }
    }

    /** {@code e}, a fastText model this does not read, in one line that names --vectors. */
    private IOException naming(FastTextFormatException e) {
        return new IOException("--vectors " + location + ": " + e.getMessage(), e);
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

    /**
     * The vectors of a query about {@code words}: loaded, with the subword model when one of them is unseen, then
     * checked to give every one of them a vector.
     */
    WordVectors loadContaining(List<String> words) throws IOException {
        Configuration conf = DriverConf.hadoop();
        WordVectors vectors = load(conf);
        if (!missing(vectors, words).isEmpty()) {
            vectors = withSubwords(vectors, conf);
        }
        requireKnown(vectors, words);
        return vectors;
    }

    private static List<String> missing(WordVectors vectors, List<String> words) {
        List<String> missing = new ArrayList<>();
        for (String word : words) {
            if (!vectors.hasVector(word) && !missing.contains(word)) {
                missing.add(word);
            }
        }
        return missing;
    }

    /**
     * Fails naming every word of {@code words} without a vector in {@code vectors}. Not an IllegalArgumentException:
     * the command line was fine, the query just has no answer (exit status 1).
     */
    private void requireKnown(WordVectors vectors, List<String> words) {
        List<String> missing = missing(vectors, words);
        if (!missing.isEmpty()) {
            throw new NoSuchElementException((missing.size() == 1 ? "word" : "words") + " not in the vocabulary of "
                    + location + (vectors.subwords().isPresent() ? " and without character n-grams in its subword model"
                    : "") + ": " + missing.stream().map(w -> "'" + w + "'").collect(Collectors.joining(", ")));
        }
    }
}
