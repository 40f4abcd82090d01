package dev.embeddings.cli;

import dev.embeddings.formats.VectorFiles;
import dev.embeddings.formats.VectorFormat;
import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.subword.FastTextFormatException;
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
import picocli.CommandLine.Spec;

@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Convert a vector file between word2vec binary, word2vec text (= fastText .vec) and GloVe text, "
                + "streaming row by row; or write the words of a fastText .bin model with their vectors, as its "
                + ".vec holds them.")
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Vector file in any supported format, or a fastText .bin model (ours or fastText 0.9's, "
                    + "unsupervised, not quantized) (detected).")
    String input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "File to write; appears only when complete.")
    String output;

    @Option(names = "--format", defaultValue = "bin", paramLabel = "bin|txt|glove",
            description = "Output format: word2vec binary, word2vec text or GloVe text (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        VectorFormat to = VectorFormat.fromName(format);
        Configuration conf = DriverConf.hadoop();
        Path source = new Path(input);
        FileSystem fs = source.getFileSystem(conf);
        Path qualified = fs.makeQualified(source);
        boolean model = isFastTextModel(fs, qualified);
        long[] rows = new long[1];
        Path written = FileReplacement.write(output, conf, overwrite, (out, target) -> rows[0] = model
                ? writeModelVectors(fs, qualified, out, target, to)
                : VectorFiles.convert(() -> fs.open(qualified), qualified.toString(), null, out, target, to));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("converted %,d vectors to %s (%s)%n", rows[0], written, to.cliName());
        return 0;
    }

    private static boolean isFastTextModel(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return FastTextBinary.hasMagic(in.readNBytes(Integer.BYTES));
        }
    }

    /** The model's words and vectors in {@code to}; a model this does not read fails in one line naming --input. */
    private long writeModelVectors(FileSystem fs, Path file, OutputStream out, String target, VectorFormat to)
            throws IOException {
        try (out) {
            return FastTextBinary.readVectors(fs.open(file), fs.getFileStatus(file).getLen(), file.toString())
                    .writeWordVectors(out, target, to);
        } catch (FastTextFormatException e) {
            throw new IOException("--input " + input + ": " + e.getMessage(), e);
        }
    }
}
