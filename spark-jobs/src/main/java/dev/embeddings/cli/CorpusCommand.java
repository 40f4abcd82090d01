package dev.embeddings.cli;

import dev.embeddings.corpus.CorpusConfig;
import dev.embeddings.corpus.CorpusJob;
import dev.embeddings.corpus.CorpusManifest;
import dev.embeddings.corpus.SentenceOrder;
import dev.embeddings.spark.SparkSessions;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Tokenize text from Hadoop paths, count the vocabulary and write id-encoded training shards.")
final class CorpusCommand implements Callable<Integer> {

    @Mixin
    SparkOptions spark;

    @Option(names = "--input", required = true, split = ",", paramLabel = "PATH",
            description = "Files or directories (file://, hdfs://, s3a:// or local; plain, .gz, .bz2), "
                    + "comma-separated.")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    String output;

    @Option(names = "--min-count", defaultValue = "5", description = "Minimum word count (default: ${DEFAULT-VALUE}).")
    long minCount;

    @Option(names = "--max-vocab", defaultValue = "0", paramLabel = "N",
            description = "Keep only the N most frequent words; 0 = no limit (default: ${DEFAULT-VALUE}).")
    int maxVocab;

    @Option(names = "--lowercase", defaultValue = "true", arity = "1", paramLabel = "true|false",
            description = "Lower-case the text (default: ${DEFAULT-VALUE}).")
    boolean lowercase;

    @Option(names = "--shards", defaultValue = "4", description = "Number of shard files (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--order", defaultValue = "shuffled", paramLabel = "shuffled|input",
            description = "Sentence order in the shards, which training follows: shuffled (a fixed pseudo-random "
                    + "order; averaging workers see alike data) or input (the files' order, as fastText and "
                    + "word2vec.c read them) (default: ${DEFAULT-VALUE}).")
    SentenceOrder order;

    @Option(names = "--max-token-length", defaultValue = "100",
            description = "Drop longer tokens (default: ${DEFAULT-VALUE} chars).")
    int maxTokenLength;

    @Option(names = "--max-sentence-length", defaultValue = "1000",
            description = "Cut documents into sentences of at most this many words (default: ${DEFAULT-VALUE}).")
    int maxSentenceLength;

    @Option(names = "--max-chunk-bytes", defaultValue = "1048576",
            description = "Read longer lines in pieces cut at whitespace (default: ${DEFAULT-VALUE}).")
    int maxChunkBytes;

    @Option(names = "--overwrite", description = "Replace an existing output directory.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CorpusConfig config = new CorpusConfig(inputs, output, minCount, maxVocab, lowercase, shards,
                order, maxTokenLength,
                maxSentenceLength, maxChunkBytes, overwrite);
        InputPaths.checkExist("--input", inputs);
        InputPaths.checkOutput("--output", output);
        try (SparkSession session = SparkSessions.create("embeddings corpus", spark.master)) {
            CorpusManifest m = new CorpusJob(session, config).run();
            CorpusManifest.Counts c = m.counts();
            out.printf("corpus written to %s%n", config.output());
            out.printf("  %,d lines, %,d tokens (%,d in vocabulary, %,d out of it), %,d sentences%n",
                    c.lines(), c.tokens(), c.inVocabularyTokens(), c.oovTokens(), c.sentences());
            out.printf("  vocabulary: %,d words (of %,d distinct, min-count %d), %d shard(s)%n",
                    m.vocabularySize(), c.distinctWords(), m.minCount(), m.shards().size());
            if (c.invalidUtf8() > 0 || c.droppedLongTokens() > 0 || c.splitLines() > 0) {
                out.printf("  replaced %,d invalid UTF-8 sequences, dropped %,d over-long tokens, "
                        + "read %,d over-long lines in pieces%n", c.invalidUtf8(), c.droppedLongTokens(),
                        c.splitLines());
            }
        }
        return 0;
    }
}
