package dev.embeddings.cli;

import dev.embeddings.averaging.MergeRule;
import dev.embeddings.checkpoint.CheckpointPolicy;
import dev.embeddings.config.ParameterDocs;
import dev.embeddings.glove.GloveConfig;
import dev.embeddings.glove.GloveJob;
import dev.embeddings.glove.GloveJobConfig;
import dev.embeddings.glove.OutputVectors;
import dev.embeddings.manifest.TrainingMetrics;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.spark.SparkSessions;
import java.io.PrintWriter;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "glove", mixinStandardHelpOptions = true, sortOptions = false,
        resourceBundle = "dev.embeddings.cli.GloveCommand$AveragingHelp",
        description = "Count co-occurrences on Spark and train GloVe vectors (AdaGrad) with parameter averaging.")
final class GloveCommand implements Callable<Integer> {

    /** {@link GloveJobConfig#ONE_WORKER_ROUNDS}. */
    static final int ONE_WORKER_ROUNDS = GloveJobConfig.ONE_WORKER_ROUNDS;

    /** {@link GloveJobConfig#SEVERAL_WORKERS_ROUNDS}. */
    static final int SEVERAL_WORKERS_ROUNDS = GloveJobConfig.SEVERAL_WORKERS_ROUNDS;

    /** {@link GloveJobConfig#MERGES}, its default first. */
    static final MergeRule[] MERGES = GloveJobConfig.MERGES.toArray(MergeRule[]::new);

    /** These options' defaults: {@link GloveConfig#defaults()}'s. */
    static Map<String, Object> defaults() {
        GloveConfig d = GloveConfig.defaults();
        return Map.of("--dim", d.dim(), "--window", d.window(), "--symmetric", d.symmetric(), "--x-max", d.xMax(),
                "--alpha", d.alpha(), "--epochs", d.epochs(), "--lr", d.learningRate(), "--seed", d.seed(),
                "--cooccurrence-buffer-mb", d.cooccurrenceBufferMb());
    }

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Mixin
    TrainingPaths paths;

    @Option(names = "--dim", description = ParameterDocs.DIM + " (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--window", description = ParameterDocs.Glove.WINDOW + " (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--symmetric", arity = "1", paramLabel = "true|false",
            description = ParameterDocs.Glove.SYMMETRIC + " (default: ${DEFAULT-VALUE}).")
    boolean symmetric;

    @Option(names = "--x-max", description = ParameterDocs.Glove.X_MAX + " (default: ${DEFAULT-VALUE}).")
    double xMax;

    @Option(names = "--alpha", description = ParameterDocs.Glove.ALPHA + " (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--epochs", description = ParameterDocs.Glove.EPOCHS + " (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", description = ParameterDocs.Glove.LEARNING_RATE + " (default: ${DEFAULT-VALUE}).")
    double lr;

    @Mixin
    AveragingOptions averaging;

    @Option(names = "--backend", defaultValue = "jvm", paramLabel = "jvm",
            description = "Training kernels: jvm (default: ${DEFAULT-VALUE}); see docs/design.md for why GloVe has no nd4j.")
    String backend;

    @Option(names = "--seed", description = ParameterDocs.SEED + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--word-vectors-only", description = ParameterDocs.Glove.WORD_VECTORS_ONLY + ".")
    boolean wordVectorsOnly;

    @Option(names = "--cooccurrence-buffer-mb",
            description = "Counting map per task before it spills partial sums (default: ${DEFAULT-VALUE}).")
    int bufferMb;

    @Option(names = "--cooccurrence", paramLabel = "DIR",
            description = "Saved co-occurrence matrix: reused (counting skipped) when it was counted from the same "
                    + "corpus with the same window and symmetry, written here when DIR does not exist.")
    String cooccurrence;

    @Option(names = "--overwrite-cooccurrence",
            description = "Recount and replace a --cooccurrence matrix that does not match this run (or is "
                    + "incomplete or corrupt) instead of failing.")
    boolean overwriteCooccurrence;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!backend.equals("jvm")) {
            throw new IllegalArgumentException("--backend must be jvm for GloVe, got '" + backend + "'");
        }
        config(averaging.provisionalThreads());
        CheckpointPolicy checkpointing = paths.checkpointing();
        paths.checkInputs();
        if (cooccurrence != null) {
            InputPaths.checkOutput("--cooccurrence", cooccurrence);
        }
        try (SparkSession session = SparkSessions.create("embeddings glove", spark.master)) {
            GloveJobConfig config = config(averaging.threads(session));
            GloveJob.Result result = new GloveJob(session, config, checkpointing).run();
            VectorsManifest m = result.manifest();
            TrainingMetrics metrics = m.metrics();
            out.printf("vectors written to %s%n", config.output());
            out.printf(Locale.ROOT, "  glove, %d words x %d dims, %d worker(s), %,d co-occurrence entries, loss %.5f%n",
                    m.vocabularySize(), m.dimension(), averaging.workers,
                    metrics.cooccurrenceEntries(), metrics.finalLoss());
            out.printf(Locale.ROOT, "  co-occurrence %s in %.1f s, training %.1f s%n", metrics.cooccurrenceSource(),
                    metrics.cooccurrenceSeconds(), metrics.trainingSeconds());
        }
        return 0;
    }

    /** The job these options give, with {@code threadCount} threads per worker; validated. */
    GloveJobConfig config(int threadCount) {
        GloveConfig training = new GloveConfig(dim, window, symmetric, xMax, alpha, epochs, lr,
                GloveConfig.defaults().gradClip(), threadCount, seed,
                wordVectorsOnly ? OutputVectors.WORD : OutputVectors.WORD_PLUS_CONTEXT, bufferMb);
        return new GloveJobConfig(paths.corpus, paths.output, training, averaging.workers,
                averaging.roundsPerEpoch(ONE_WORKER_ROUNDS, SEVERAL_WORKERS_ROUNDS), paths.init, paths.parquet,
                paths.overwrite, averaging.merge(MERGES), cooccurrence, overwriteCooccurrence,
                averaging.replicaScope());
    }

    /** {@code --workers}, {@code --syncs-per-epoch} and {@code --merge} in GloVe's words (AveragingOptions#help). */
    public static final class AveragingHelp extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return AveragingOptions.help("Parallel workers; worker p trains the rows hashed to p", ONE_WORKER_ROUNDS,
                    SEVERAL_WORKERS_ROUNDS, MERGES);
        }
    }
}
