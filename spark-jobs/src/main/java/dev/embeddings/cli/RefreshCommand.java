package dev.embeddings.cli;

import dev.embeddings.config.ParameterDocs;
import dev.embeddings.corpus.CorpusConfig;
import dev.embeddings.publish.PublishConfig;
import dev.embeddings.align.AlignmentReport;
import dev.embeddings.refresh.DownstreamResult;
import dev.embeddings.refresh.DownstreamTask;
import dev.embeddings.refresh.RefreshConfig;
import dev.embeddings.refresh.RefreshJob;
import dev.embeddings.refresh.RefreshRecord;
import dev.embeddings.spark.SparkSessions;
import dev.embeddings.word2vec.Word2VecConfig;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "refresh", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scheduled refresh: corpus -> word2vec (warm start from the current published version) -> "
                + "analogy evaluation -> quality gate -> alignment onto the current version -> downstream models "
                + "(--downstream), each gated on its dev score -> publish vectors and models as one version.",
                "A re-run on unchanged input (same files, sizes, modification times) does nothing.",
                "Exit status: 0 published or unchanged, 1 failed, 2 bad usage, 3 refused by the quality gate."})
final class RefreshCommand implements Callable<Integer>, ConfigFile.Section {

    /** Exit status when the new vectors fail the quality gate (distinct from a failure: nothing is broken). */
    static final int REFUSED = 3;

    /** These options' defaults: {@link PublishConfig}'s, {@link RefreshConfig}'s and {@link CorpusConfig}'s. */
    static Map<String, Object> defaults() {
        return Map.of("--keep", PublishConfig.DEFAULT_KEEP, "--max-drop", RefreshConfig.DEFAULT_MAX_DROP,
                "--min-count", CorpusConfig.DEFAULT_MIN_COUNT, "--shards", CorpusConfig.DEFAULT_SHARDS,
                "--warm-start", RefreshConfig.DEFAULT_WARM_START,
                "--downstream-tolerance", RefreshConfig.DEFAULT_DOWNSTREAM_TOLERANCE);
    }

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Option(names = "--input", required = true, split = ",", paramLabel = "PATH",
            description = "Text files or directories, as for `corpus`.")
    List<String> inputs;

    @Option(names = "--root", required = true, paramLabel = "DIR",
            description = "Published root: ROOT/LATEST, ROOT/versions/<id>/ (any Hadoop path).")
    String root;

    @Option(names = "--keep", description = "Versions to keep (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--analogies", paramLabel = "FILE",
            description = "Analogy questions (questions-words layout) for the quality gate; without it, no gate.")
    String analogies;

    @Option(names = "--max-drop", paramLabel = "POINTS",
            description = "Refuse to publish when analogy accuracy drops more than this many percentage points "
                    + "below the current version (default: ${DEFAULT-VALUE}).")
    double maxDrop;

    @Option(names = "--min-count", description = ParameterDocs.MIN_COUNT + " (default: ${DEFAULT-VALUE}).")
    long minCount;

    @Option(names = "--shards", description = "Corpus shard files (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--warm-start", arity = "1", paramLabel = "true|false",
            description = "Start from the current version's vectors; false retrains from scratch, still aligned to "
                    + "the current version (default: ${DEFAULT-VALUE}).")
    boolean warmStart;

    @Option(names = "--parquet", description = "Also publish vectors.parquet/.")
    boolean parquet;

    @Option(names = "--downstream", split = ",", paramLabel = "NAME",
            description = "Models fine-tuned on every new version that passes the quality gate and published in it, "
                    + "as versions/<id>/models/NAME/; each task's finetune options are --config keys "
                    + "downstream.NAME.OPTION (task, train, dev, model, epochs, ...).")
    List<String> downstream;

    @Option(names = "--downstream-tolerance", paramLabel = "POINTS",
            description = "Withhold the whole version when a downstream task's dev score falls more than this many "
                    + "percentage points below the current version's model of that task, re-scored on the same dev "
                    + "file (default: ${DEFAULT-VALUE}).")
    double downstreamTolerance;

    @Mixin
    Word2VecOptions training;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Word2VecConfig.Builder builder = training.builder();
        // Validate everything before Spark starts.
        List<DownstreamTask> tasks = DownstreamTasks.parse(downstream == null ? List.of() : downstream,
                spark.config);
        config(builder.build(), tasks);
        InputPaths.checkExist("--input", inputs);
        InputPaths.checkOutput("--root", root);
        try (SparkSession session = SparkSessions.create("embeddings refresh", spark.master)) {
            builder.threads(training.averaging.threads(session));
            RefreshJob.Result result = new RefreshJob(session, config(builder.build(), tasks)).run();
            RefreshRecord r = result.record();
            switch (result.outcome()) {
                case UNCHANGED -> out.printf("unchanged: the input is what version %s was trained on%n",
                        result.version());
                case PUBLISHED -> out.printf("published version %s to %s%n", result.version(), root);
                case REFUSED -> out.printf("refused: the quality gate kept version %s%s%n", result.version(),
                        r.downstreamRefusal().map(d -> ": " + RefreshJob.refusalReason(d, result.version(),
                                downstreamTolerance)).orElse(""));
            }
            if (r != null && r.accuracy() != null) {
                out.printf(Locale.ROOT, "  analogy accuracy %.2f%% (previous %s, allowed drop %.2f points)%n",
                        r.accuracy(), r.previousAccuracy() == null ? "none"
                                : String.format(Locale.ROOT, "%.2f%%", r.previousAccuracy()), maxDrop);
            }
            AlignmentReport a = r == null ? null : r.alignment();
            if (a != null) {
                out.printf(Locale.ROOT, "  aligned to version %s over %d shared words: mean drift %.4f (unaligned "
                        + "%.4f); top movers %s%n", a.alignedTo(), a.sharedWords(), a.meanDrift(),
                        a.meanUnalignedDrift(), a.topMovers().subList(0, Math.min(5, a.topMovers().size())));
            }
            if (r != null && r.downstream() != null) {
                for (DownstreamResult d : r.downstream()) {
                    out.printf(Locale.ROOT, "  downstream %s (%s, %s): dev %.2f%% (previous model %s)%s%n", d.task(),
                            d.kind(), d.model(), 100 * d.devScore(), d.previousScore() == null ? "none"
                                    : String.format(Locale.ROOT, "%.2f%%", 100 * d.previousScore()),
                            d.passed() ? "" : ", refused");
                }
            }
            return result.outcome() == RefreshJob.Outcome.REFUSED ? REFUSED : 0;
        }
    }

    @Override
    public String configSection() {
        return DownstreamTasks.SECTION;
    }

    /** The refresh these options ask for, training with {@code trainingConfig}; validated. */
    RefreshConfig config(Word2VecConfig trainingConfig, List<DownstreamTask> tasks) {
        PublishConfig publish = new PublishConfig(root, keep, PublishConfig.DEFAULT_STALE_LOCK_AFTER);
        CorpusConfig corpus = new CorpusConfig(inputs, RefreshConfig.workDir(root) + "/corpus", minCount,
                CorpusConfig.DEFAULT_MAX_VOCAB, CorpusConfig.DEFAULT_LOWERCASE, shards, CorpusConfig.DEFAULT_ORDER,
                CorpusConfig.DEFAULT_MAX_TOKEN_LENGTH, CorpusConfig.DEFAULT_MAX_SENTENCE_LENGTH,
                CorpusConfig.DEFAULT_MAX_CHUNK_BYTES, true);
        return new RefreshConfig(corpus, new Word2VecJobConfig(corpus.output(), RefreshConfig.workDir(root)
                + "/vectors", trainingConfig, training.averaging.workers, training.roundsPerEpoch(), null, parquet,
                true, training.merge(), training.syncRareEvery).withReplicaScope(training.averaging.replicaScope()),
                warmStart, publish, analogies, maxDrop, tasks, downstreamTolerance);
    }
}
