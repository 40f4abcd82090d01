package dev.embeddings.cli;

import dev.embeddings.formats.VectorFiles;
import dev.embeddings.formats.VectorFormat;
import dev.embeddings.formats.VectorReader;
import dev.embeddings.publish.ParquetVectors;
import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.subword.FastTextDictionary;
import dev.embeddings.subword.FastTextFormatException;
import dev.embeddings.subword.SubwordVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Convert a vector file between word2vec binary, word2vec text (= fastText .vec) and GloVe text, "
                + "or to Parquet, streaming row by row; or write the words of a fastText .bin model with their "
                + "vectors, as its .vec holds them.")
final class ConvertCommand implements Callable<Integer> {

    private static final String PARQUET = "parquet";

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Vector file in any supported format, or a fastText .bin model (ours or fastText 0.9's, "
                    + "unsupervised, not quantized) (detected).")
    String input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "File to write; appears only when complete.")
    String output;

    @Option(names = "--format", defaultValue = "bin", paramLabel = "bin|txt|glove|parquet",
            description = "Output format: word2vec binary, word2vec text, GloVe text, or one Parquet file (word, "
                    + "vector, count: null for a vector file, the model's for a .bin model) that Spark reads with "
                    + "spark.read().parquet (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        boolean parquet = PARQUET.equalsIgnoreCase(format);
        VectorFormat to = parquet ? null : vectorFormat();
        Configuration conf = DriverConf.hadoop();
        Path source = new Path(input);
        FileSystem fs = source.getFileSystem(conf);
        Path qualified = fs.makeQualified(source);
        boolean model = isFastTextModel(fs, qualified);
        long[] rows = new long[1];
        Path written = FileReplacement.write(output, conf, overwrite, (out, target) -> {
            if (parquet) {
                rows[0] = model ? writeModelParquet(fs, qualified, out, conf) : writeParquet(fs, qualified, out, conf);
            } else {
                rows[0] = model ? writeModelVectors(fs, qualified, out, target, to)
                        : VectorFiles.convert(() -> fs.open(qualified), qualified.toString(), null, out, target, to);
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        out.printf("converted %,d vectors to %s (%s)%n", rows[0], written, parquet ? PARQUET : to.cliName());
        return 0;
    }

    private VectorFormat vectorFormat() {
        try {
            return VectorFormat.fromName(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage() + "; or parquet");
        }
    }

    /** Streams the rows of a vector file into one Parquet file without counts; returns the number of rows. */
    private static long writeParquet(FileSystem fs, Path file, OutputStream out, Configuration conf)
            throws IOException {
        try (VectorReader reader = VectorFiles.openReader(fs.open(file), file.toString(), null);
             ParquetVectors parquet = new ParquetVectors(out, conf, reader.dimension())) {
            return reader.forEach((word, vector) -> parquet.write(word, vector, 0, ParquetVectors.NO_COUNT));
        }
    }

    /** The model's words with their vectors (as its .vec holds them) and counts, as one Parquet file. */
    private long writeModelParquet(FileSystem fs, Path file, OutputStream out, Configuration conf)
            throws IOException {
        SubwordVectors model = readModel(fs, file);
        FastTextDictionary dictionary = model.dictionary();
        ParquetVectors.write(out, conf, dictionary.size(), dictionary::word, dictionary::count, model.wordVectors());
        return dictionary.size();
    }

    private static boolean isFastTextModel(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return FastTextBinary.hasMagic(in.readNBytes(Integer.BYTES));
        }
    }

    /** The model's words and vectors in {@code to}. */
    private long writeModelVectors(FileSystem fs, Path file, OutputStream out, String target, VectorFormat to)
            throws IOException {
        try (out) {
            return readModel(fs, file).writeWordVectors(out, target, to);
        }
    }

    /** Reads a fastText model; a model this does not read fails in one line naming --input. */
    private SubwordVectors readModel(FileSystem fs, Path file) throws IOException {
        try {
            return FastTextBinary.readVectors(fs.open(file), fs.getFileStatus(file).getLen(), file.toString());
        } catch (FastTextFormatException e) {
            throw new IOException("--input " + input + ": " + e.getMessage(), e);
        }
    }
}
