package dev.embeddings.cli;

import dev.embeddings.eval.AnalogyConfig;
import dev.embeddings.eval.AnalogyQuestions;
import dev.embeddings.eval.SimilarityPairs;
import dev.embeddings.finetune.EmbeddingMode;
import dev.embeddings.finetune.FineTuneRun;
import dev.embeddings.refresh.DownstreamTask;
import dev.embeddings.io.Json;
import dev.embeddings.spark.SparkSessions;
import dev.embeddings.tune.Objective;
import dev.embeddings.tune.Search;
import dev.embeddings.tune.SearchSettings;
import dev.embeddings.tune.SearchSpace;
import dev.embeddings.tune.Trial;
import dev.embeddings.tune.TuneConfig;
import dev.embeddings.tune.TuneJob;
import dev.embeddings.tune.TuneSummary;
import dev.embeddings.word2vec.Word2VecConfig;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Hyper-parameter search for word2vec: trials run as concurrent Spark jobs (random search with "
                + "successive halving on epochs, or a plain grid), each scored on dev sets; writes the trials' table, "
                + "the best configuration as a word2vec --config file and a report with the best-so-far curve.",
                "Rerun with the same --out to resume: finished trials are not run again.",
                "The word2vec options below set every parameter the --space file does not search."})
final class TuneCommand implements Callable<Integer>, ConfigFile.Section {

    /** These options' defaults: {@link TuneConfig}'s and {@link AnalogyConfig}'s. */
    static Map<String, Object> defaults() {
        return Map.of("--search", TuneConfig.DEFAULT_STRATEGY, "--trials", TuneConfig.DEFAULT_TRIALS,
                "--parallel", TuneConfig.DEFAULT_PARALLEL, "--min-epochs", TuneConfig.DEFAULT_MIN_EPOCHS,
                "--eta", TuneConfig.DEFAULT_ETA, "--grid-points", TuneConfig.DEFAULT_GRID_POINTS,
                "--objective", TuneConfig.DEFAULT_OBJECTIVE, "--restrict", AnalogyConfig.DEFAULT_RESTRICT);
    }

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "Corpus directory (from `corpus`).")
    String corpus;

    @Option(names = "--space", required = true, paramLabel = "FILE",
            description = "Search space, JSON: word2vec option names with {\"choice\": [...]}, {\"int\": [low, high]}, "
                    + "{\"uniform\": [low, high]} or {\"loguniform\": [low, high]}.")
    String space;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory (on the driver) for search.json, trials.jsonl, trials.md, best.properties and "
                    + "report.html; the same --out resumes the search.")
    String out;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Where trials write their vectors, deleted once scored; on a cluster a path the executors "
                    + "can write (hdfs://, s3a://) (default: OUT/work).")
    String work;

    @Option(names = "--search", paramLabel = "random|grid",
            description = "random: --trials sampled configurations through successive halving on epochs; grid: "
                    + "every grid point at --epochs (default: ${DEFAULT-VALUE}).")
    TuneConfig.Strategy search;

    @Option(names = "--trials", paramLabel = "N",
            description = "Configurations random search samples (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--parallel", paramLabel = "P",
            description = "Trials trained at once, as concurrent Spark jobs (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--min-epochs", paramLabel = "E",
            description = "Epochs of the first rung; each next rung trains --eta times as many, up to --epochs "
                    + "(default: ${DEFAULT-VALUE}).")
    int minEpochs;

    @Option(names = "--eta", paramLabel = "ETA",
            description = "Each rung keeps its best 1/ETA of trials for the next (default: ${DEFAULT-VALUE}).")
    int eta;

    @Option(names = "--grid-points", paramLabel = "K",
            description = "With --search grid, points per range (a choice gives all its values) "
                    + "(default: ${DEFAULT-VALUE}).")
    int gridPoints;

    @Option(names = "--objective", paramLabel = "analogy|similarity|finetune",
            description = "analogy: mean 3CosAdd accuracy over the --analogy sets; similarity: mean Spearman over "
                    + "the --similarity sets; finetune: the --downstream task's dev score, fine-tuned on the trial's "
                    + "vectors (default: ${DEFAULT-VALUE}).")
    Objective objective;

    @Option(names = "--downstream", paramLabel = "NAME",
            description = "With --objective finetune, the task fine-tuned on each trial's vectors in the driver; its "
                    + "finetune options are --config keys downstream.NAME.OPTION (task, train, dev, model, epochs, "
                    + "...), as for refresh. Scored on its dev file; never a test set.")
    String downstream;

    @Option(names = "--analogy", paramLabel = "FILE",
            description = "Analogy dev set (questions-words layout); repeatable. Never a test set.")
    List<String> analogy = new ArrayList<>();

    @Option(names = "--similarity", paramLabel = "FILE",
            description = "Word-similarity dev set (word1 word2 score); repeatable. Never a test set.")
    List<String> similarity = new ArrayList<>();

    @Option(names = "--restrict", paramLabel = "N",
            description = "Analogies use only the N most frequent words (default: ${DEFAULT-VALUE}).")
    int restrict;

    @Mixin
    Word2VecOptions training;

    @Override
    public Integer call() throws Exception {
        PrintWriter printer = spec.commandLine().getOut();
        // Validate everything before Spark starts.
        TuneConfig config = config();
        DownstreamTask task = downstreamTask();
        String text = readSpace();
        SearchSpace searchSpace = SearchSpace.parse(text, space);
        int configurations = Search.configurations(searchSpace, config).size();
        String workDir = work != null ? work : Path.of(out, "work").toString();
        trialJob(Map.of(), config.epochs(), workDir + "/check", training.averaging.provisionalThreads());
        new AnalogyConfig(restrict, training.averaging.provisionalThreads()).validate();
        Configuration conf = DriverConf.hadoop();
        List<AnalogyQuestions> analogies = EvaluationSets.read(analogy, conf, AnalogyQuestions::read);
        List<SimilarityPairs> similarities = EvaluationSets.read(similarity, conf, SimilarityPairs::read);
        InputPaths.checkCorpus("--corpus", corpus);
        List<String> devSets = new ArrayList<>(analogy);
        devSets.addAll(similarity);
        if (task != null) {
            devSets.add(task.run().dev().toString());
        }
        SearchSettings settings = SearchSettings.of(Json.MAPPER.readTree(text), config, corpus, devSets, restrict,
                trainingOptions());
        try (SparkSession session = SparkSessions.create("embeddings tune", spark.master)) {
            int threads = training.averaging.threads(session, config.parallel());
            TuneJob.DevSets dev = new TuneJob.DevSets(analogies, similarities,
                    new AnalogyConfig(restrict, threads).validate(), task);
            printer.printf(Locale.ROOT, "tune: %s search over %s, %d configuration(s), rungs of %s epoch(s), %d trial(s) "
                    + "at a time, %d thread(s) each%n", Main.lowerCase(config.strategy()),
                    String.join(", ", searchSpace.names()), configurations,
                    config.rungs(), config.parallel(), threads);
            Search.Outcome outcome = new TuneJob(session, searchSpace, config, settings, Path.of(out), workDir,
                    (parameters, epochs, output) -> trialJob(parameters, epochs, output, threads), dev)
                    .run(trial -> printer.println(progress(trial)));
            printer.print(TuneSummary.table(outcome, searchSpace.names()));
            printer.printf(Locale.ROOT, "%d trial(s), %d resumed from %s; %d trial-epochs%n", outcome.trials().size(),
                    outcome.resumed(), out, outcome.trialEpochs());
            outcome.best().ifPresentOrElse(best -> printer.printf(Locale.ROOT, "best: trial %d, %s %.4f at %d epochs; "
                    + "%s/%s, report %s/report.html%n", best.id(), Main.lowerCase(objective), best.objective(),
                    best.epochs(), out, TuneSummary.BEST_FILE, out), () -> printer.println("no trial completed"));
            return outcome.best().isPresent() ? 0 : 1;
        }
    }

    /** The search's settings; validated ({@link IllegalArgumentException} naming the first bad one). */
    TuneConfig config() {
        return new TuneConfig(search, trials, parallel, minEpochs, training.epochs, eta, gridPoints, objective,
                training.seed).validate();
    }

    @Override
    public String configSection() {
        return DownstreamTasks.SECTION;
    }

    /**
     * The {@code --downstream} task, null without one, after checking that the objective scores what is given (see
     * {@link Objective#requireDevSets}) and that the task is fine-tuned as a trial's score needs: in the driver, in
     * fine-tune mode, scored on its dev file alone.
     */
    private DownstreamTask downstreamTask() throws IOException {
        List<DownstreamTask> tasks = DownstreamTasks.parse(downstream == null ? List.of() : List.of(downstream),
                spark.config);
        DownstreamTask task = tasks.isEmpty() ? null : tasks.get(0);
        objective.requireDevSets(analogy, similarity, downstream, task == null ? null : task.run().dev().toString());
        if (task == null) {
            return null;
        }
        String key = DownstreamTasks.SECTION + task.name() + ".";
        FineTuneRun run = task.run();
        if (run.test() != null) {
            throw new IllegalArgumentException("--downstream " + task.name() + ": tune scores the dev file only; "
                    + "leave " + key + "test out, so that the test set stays unseen until the final evaluation");
        }
        if (run.distributed()) {
            throw new IllegalArgumentException("--downstream " + task.name() + ": tune fine-tunes each trial's "
                    + "vectors in the driver; leave " + key + "workers at 1");
        }
        if (run.training().embeddings() != EmbeddingMode.FINE_TUNE) {
            throw new IllegalArgumentException("--downstream " + task.name() + ": tune scores vectors by "
                    + "fine-tuning them; leave " + key + "init at fine-tune");
        }
        return task;
    }

    private String readSpace() throws IOException {
        try {
            return Files.readString(Path.of(space), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(space + " (--space): no such file");
        }
    }

    /** A trial's word2vec job: the command's word2vec options with {@code parameters} and {@code epochs} set. */
    Word2VecJobConfig trialJob(Map<String, Object> parameters, int epochs, String output, int threads) {
        Word2VecConfig trial = SearchSpace.apply(parameters, training.builder()).epochs(epochs).threads(threads)
                .build();
        return new Word2VecJobConfig(corpus, output, trial, training.averaging.workers, training.roundsPerEpoch(),
                null, false, true, training.merge(), training.syncRareEvery)
                .withReplicaScope(training.averaging.replicaScope());
    }

    /** The word2vec options as given (or defaulted), by name as a --config file spells them; unset ones left out. */
    Map<String, String> trainingOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionSpec option : spec.mixins().get("training").options()) {
            Object value = option.getValue();
            if (value != null && !option.usageHelp() && !option.versionHelp()) {
                options.put(option.longestName().replaceFirst("^-+", ""), OptionDefaults.spelled(value));
            }
        }
        return options;
    }

    private static String progress(Trial trial) {
        String parameters = trial.parameters().entrySet().stream().map(e -> e.getKey() + " " + TuneSummary.spelled(e.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "  trial %d, rung %d (%d epoch(s)): %s: %s in %.1f s", trial.id(),
                trial.rung(), trial.epochs(), parameters, trial.completed() ? String.format(Locale.ROOT,
                        "objective %.4f", trial.objective()) : "failed: " + trial.error(), trial.seconds());
    }
}
