package dev.embeddings.cli;

import dev.embeddings.publish.VectorsManifest;
import dev.embeddings.spark.SparkSessions;
import dev.embeddings.word2vec.Word2VecConfig;
import dev.embeddings.word2vec.Word2VecJob;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "word2vec", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train skip-gram or CBOW vectors on a corpus directory, with parameter averaging across "
                + "workers.")
final class Word2VecCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Mixin
    TrainingOptions job;

    @Option(names = "--model", defaultValue = "skipgram", paramLabel = "skipgram|cbow",
            description = "Architecture (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--loss", defaultValue = "ns", paramLabel = "ns|hs",
            description = "Negative sampling or hierarchical softmax (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--dim", defaultValue = "100", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--window", defaultValue = "5",
            description = "Maximum context window; shrunk at random per word (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--negative", defaultValue = "5",
            description = "Negatives per prediction with ns (default: ${DEFAULT-VALUE}).")
    int negative;

    @Option(names = "--sample", defaultValue = "1e-4",
            description = "Subsampling threshold for frequent words; 0 = off (default: ${DEFAULT-VALUE}).")
    double sample;

    @Option(names = "--epochs", defaultValue = "5", description = "Passes over the corpus (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Initial learning rate (default: 0.025 skip-gram, 0.05 CBOW); decays linearly.")
    Double lr;

    @Option(names = "--min-lr-ratio", defaultValue = "1e-4",
            description = "Final learning rate as a fraction of the initial one (default: ${DEFAULT-VALUE}).")
    double minLrRatio;

    @Option(names = "--workers", defaultValue = "1",
            description = "Parallel workers (Spark tasks), each training a copy on its shards (default: "
                    + "${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--syncs-per-epoch", defaultValue = "4", paramLabel = "K",
            description = "Averaging rounds per epoch (default: ${DEFAULT-VALUE}).")
    int syncsPerEpoch;

    @Option(names = "--backend", defaultValue = "jvm", paramLabel = "jvm|nd4j",
            description = "Training kernels: jvm (primitive arrays, Hogwild threads, as word2vec.c) or nd4j "
                    + "(minibatches as ND4J matrix products; the form a GPU executor runs) (default: ${DEFAULT-VALUE}).")
    String backend;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Word2VecConfig.Builder builder = Word2VecConfig.builder()
                .model(Options.choice("--model", model, Word2VecConfig.Architecture.class))
                .loss(Options.choice("--loss", loss, Word2VecConfig.Loss.class))
                .dim(dim).window(window).negative(negative).sample(sample).epochs(epochs).minLrRatio(minLrRatio)
                .seed(job.seed).backend(switch (backend) {
                    case "jvm" -> Word2VecConfig.Backend.JAVA;
                    case "nd4j" -> Word2VecConfig.Backend.ND4J;
                    default -> throw new IllegalArgumentException("--backend must be jvm or nd4j, got '" + backend
                            + "'");
                });
        if (lr != null) {
            builder.learningRate(lr);
        }
        // Validate everything before Spark starts.
        config(builder.threads(Math.max(1, job.threads)));
        try (SparkSession session = SparkSessions.create("embeddings word2vec", spark.master)) {
            Word2VecJobConfig config = config(builder.threads(job.threads > 0 ? job.threads
                    : SparkSessions.defaultThreadsPerTask(session, workers)));
            VectorsManifest m = new Word2VecJob(session, config).run().manifest();
            out.printf("vectors written to %s%n", config.output());
            out.printf(Locale.ROOT, "  %s/%s, %d words x %d dims, %d worker(s) x %d thread(s), loss %.4f, "
                    + "%.0f words/s%n", model, loss, m.vocabularySize(), m.dimension(), workers,
                    config.training().threads(), (Double) m.metrics().get("finalLoss"),
                    (Double) m.metrics().get("wordsPerSecond"));
        }
        return 0;
    }

    private Word2VecJobConfig config(Word2VecConfig.Builder training) {
        return new Word2VecJobConfig(job.corpus, job.output, training.build(), workers, syncsPerEpoch, job.init,
                job.parquet, job.overwrite);
    }
}
