package dev.embeddings.cli;

import dev.embeddings.config.ParameterDocs;
import dev.embeddings.corpus.CorpusConfig;
import dev.embeddings.corpus.CorpusJob;
import dev.embeddings.corpus.CorpusManifest;
import dev.embeddings.corpus.SentenceOrder;
import dev.embeddings.spark.SparkSessions;
import java.util.List;
import java.util.Map;
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

    /** These options' defaults: {@link CorpusConfig}'s. */
    static Map<String, Object> defaults() {
        return Map.of("--min-count", CorpusConfig.DEFAULT_MIN_COUNT, "--max-vocab", CorpusConfig.DEFAULT_MAX_VOCAB,
                "--lowercase", CorpusConfig.DEFAULT_LOWERCASE, "--shards", CorpusConfig.DEFAULT_SHARDS,
                "--order", CorpusConfig.DEFAULT_ORDER, "--max-token-length", CorpusConfig.DEFAULT_MAX_TOKEN_LENGTH,
                "--max-sentence-length", CorpusConfig.DEFAULT_MAX_SENTENCE_LENGTH,
                "--max-chunk-bytes", CorpusConfig.DEFAULT_MAX_CHUNK_BYTES);
    }

    @Mixin
    SparkOptions spark;

    @Option(names = "--input", required = true, split = ",", paramLabel = "PATH",
            description = "Files or directories (file://, hdfs://, s3a:// or local; plain, .gz, .bz2), "
                    + "comma-separated.")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output directory.")
    String output;

    @Option(names = "--min-count", description = ParameterDocs.MIN_COUNT + " (default: ${DEFAULT-VALUE}).")
    long minCount;

    @Option(names = "--max-vocab", paramLabel = "N",
            description = ParameterDocs.MAX_VOCAB + " (default: ${DEFAULT-VALUE}).")
    int maxVocab;

    @Option(names = "--lowercase", arity = "1", paramLabel = "true|false",
            description = "Lower-case the text (default: ${DEFAULT-VALUE}).")
    boolean lowercase;

    @Option(names = "--shards", description = "Number of shard files (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--order", paramLabel = "shuffled|input",
            description = "Sentence order in the shards, which training follows: shuffled (a fixed pseudo-random "
                    + "order; averaging workers see alike data) or input (the files' order, as fastText and "
                    + "word2vec.c read them) (default: ${DEFAULT-VALUE}).")
    SentenceOrder order;

    @Option(names = "--max-token-length",
            description = "Drop longer tokens (default: ${DEFAULT-VALUE} chars).")
    int maxTokenLength;

    @Option(names = "--max-sentence-length",
            description = "Cut documents into sentences of at most this many words (default: ${DEFAULT-VALUE}).")
    int maxSentenceLength;

    @Option(names = "--max-chunk-bytes",
            description = "Read longer lines in pieces cut at whitespace (default: ${DEFAULT-VALUE}).")
    int maxChunkBytes;

    @Option(names = "--overwrite", description = "Replace an existing output directory.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CorpusConfig config = config();
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

    /** The job these options give; validated. */
    CorpusConfig config() {
        return new CorpusConfig(inputs, output, minCount, maxVocab, lowercase, shards, order, maxTokenLength,
                maxSentenceLength, maxChunkBytes, overwrite);
    }
}
