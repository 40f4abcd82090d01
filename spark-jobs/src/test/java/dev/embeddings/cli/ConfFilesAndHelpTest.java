package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.embeddings.averaging.TrainingDefaults;
import dev.embeddings.checkpoint.CheckpointPolicy;
import dev.embeddings.corpus.CorpusConfig;
import dev.embeddings.eval.AnalogyConfig;
import dev.embeddings.finetune.FineTuneConfig;
import dev.embeddings.finetune.FineTuneRun;
import dev.embeddings.finetune.FineTuneTaskKind;
import dev.embeddings.finetune.ModelKind;
import dev.embeddings.finetune.Optimizer;
import dev.embeddings.finetune.OptimizerConfig;
import dev.embeddings.finetune.TagScheme;
import dev.embeddings.glove.GloveConfig;
import dev.embeddings.glove.GloveJobConfig;
import dev.embeddings.publish.PublishConfig;
import dev.embeddings.refresh.RefreshConfig;
import dev.embeddings.tune.TuneConfig;
import dev.embeddings.word2vec.Word2VecConfig;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a new user reads first stays true: the shipped {@code conf/*.properties} name only options of their command
 * (commented examples included) with values the command accepts, the files that say "Defaults shown" show the
 * defaults, and {@code --help} shows every option's default as the code has it: the value an omitted option takes,
 * and the value the job's configuration then holds.
 */
@Timeout(120)
class ConfFilesAndHelpTest {

    /** Tests run in spark-jobs/; the shipped conf/ is beside it. */
    private static final Path CONF = Path.of("..", "conf");

    /** A commented-out example setting, {@code # key = value}, as the files show optional keys. */
    private static final Pattern EXAMPLE = Pattern.compile("^#\\s*([a-z][a-z0-9-]*)\\s*=\\s*(\\S.*)$");

    @TempDir
    Path dir;

    private record Run(int status, String err) {
    }

    private static Run run(List<String> args) {
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                args.toArray(new String[0]));
        return new Run(status, err.toString());
    }

    /** The command's config files: conf/COMMAND.properties (log4j2.properties configures logging, no command). */
    private static List<Path> configFiles() throws IOException {
        try (Stream<Path> files = Files.list(CONF)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".properties"))
                    .filter(f -> !f.getFileName().toString().equals("log4j2.properties")).sorted().toList();
            assertTrue(found.size() >= 5, "conf files: " + found);
            return found;
        }
    }

    private static String command(Path file) {
        return file.getFileName().toString().replaceFirst("\\.properties$", "");
    }

    private static CommandLine subcommand(String name) {
        CommandLine command = Main.commandLine(new Main()).getSubcommands().get(name);
        assertNotNull(command, "conf/" + name + ".properties: there is no command '" + name + "'");
        return command;
    }

    /** The file's settings and, uncommented, its {@code # key = value} examples. */
    private static Properties withExamples(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher example = EXAMPLE.matcher(line);
            text.append(example.matches() ? example.group(1) + " = " + example.group(2) : line).append('\n');
        }
        Properties properties = new Properties();
        properties.load(new StringReader(text.toString()));
        return properties;
    }

    @Test
    void everyKeyIsAnOptionOfItsCommandIncludingTheCommentedExamples() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : configFiles()) {
            CommandLine command = subcommand(command(file));
            for (String key : withExamples(file).stringPropertyNames()) {
                OptionSpec option = command.getCommandSpec().findOption("--" + key);
                if (option == null || key.equals("config") || option.usageHelp() || option.versionHelp()) {
                    problems.add(file + ": '" + key + "' is no option of " + command(file));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * Each command's required options: missing local paths, so that a command whose option values all pass its own
     * parsing and validation stops at its input check, before Spark starts ("nowhere" is no master), with status 1
     * and one line naming the missing path. A rejected value would stop it earlier with status 2.
     */
    private List<String> requiredOptions(String command) {
        String missing = dir.resolve("missing").toString();
        String output = dir.resolve("output").toString();
        return switch (command) {
            case "corpus" -> List.of("--input", missing, "--output", output);
            case "word2vec", "glove" -> List.of("--corpus", missing, "--output", output);
            case "refresh" -> List.of("--input", missing, "--root", output);
            case "finetune" -> List.of("--task", "classification", "--vectors", missing, "--train", missing,
                    "--dev", missing, "--output", output);
            case "evaluate", "report" -> List.of("--vectors", missing);
            case "nearest" -> List.of("--vectors", missing, "word");
            case "analogy" -> List.of("--vectors", missing, "a", "b", "c");
            case "convert" -> List.of("--input", missing, "--output", output);
            case "sample" -> List.of("--output", output);
            case "predict" -> List.of("--model", missing, "--input", missing);
            case "tune" -> List.of("--corpus", missing, "--space", missing, "--out", output, "--analogy", missing);
            default -> throw new AssertionError("conf/" + command + ".properties: add its required options here");
        };
    }

    private void assertAccepted(String command, Path config, String what) {
        List<String> args = new ArrayList<>(List.of(command, "--master", "nowhere", "--config", config.toString()));
        args.addAll(requiredOptions(command));
        Run r = run(args);
        List<String> lines = r.err().lines().toList();
        if (r.status() != 1 || lines.size() != 1 || !lines.get(0).contains(dir.resolve("missing").toString())) {
            fail(what + " is not accepted by `" + command + "` (status " + r.status() + "): " + r.err());
        }
    }

    @Test
    void everyValueAndExamplePassesItsCommandsOwnChecks() throws IOException {
        for (Path file : configFiles()) {
            String command = command(file);
            assertAccepted(command, file, file.toString());
            Path examples = dir.resolve(command + "-with-examples.properties");
            try (var out = Files.newBufferedWriter(examples, StandardCharsets.UTF_8)) {
                withExamples(file).store(out, null);
            }
            assertAccepted(command, examples, file + " with its examples uncommented");
        }
    }

    /** The option values {@code args} parse to, as {@link Main} parses them (the config file applied, no job run). */
    private static Map<String, Object> parsedValues(String command, List<String> args) {
        CommandLine root = Main.commandLine(new Main());
        String[] all = args.toArray(new String[0]);
        ConfigFile.apply(root, all);
        root.parseArgs(all);
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec option : root.getSubcommands().get(command).getCommandSpec().options()) {
            values.put(option.longestName(), option.getValue());
        }
        return values;
    }

    @Test
    void filesThatSayTheyShowTheDefaultsShowTheDefaults() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : configFiles()) {
            if (!Files.readString(file).contains("Defaults shown")) {
                continue;
            }
            String command = command(file);
            List<String> plain = new ArrayList<>(List.of(command));
            plain.addAll(requiredOptions(command));
            List<String> configured = new ArrayList<>(plain);
            configured.addAll(List.of("--config", file.toString()));
            Map<String, Object> defaults = parsedValues(command, plain);
            Map<String, Object> fromFile = parsedValues(command, configured);
            Properties settings = new Properties();
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                settings.load(in);
            }
            for (String key : settings.stringPropertyNames()) {
                OptionSpec option = subcommand(command).getCommandSpec().findOption("--" + key);
                String declared = declaredDefault(subcommand(command), option);
                if (declared != null
                        && !defaults.get(option.longestName()).equals(fromFile.get(option.longestName()))) {
                    problems.add(file + ": " + key + " = " + settings.getProperty(key) + ", the default is "
                            + declared);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The option's entry in its command's --help, whitespace collapsed. */
    private static String help(CommandLine command, OptionSpec option) {
        Help help = command.getHelp();
        Help.Ansi.Text[][] rows = help.createDefaultOptionRenderer().render(option,
                help.createDefaultParamLabelRenderer(), help.colorScheme());
        return Arrays.stream(rows).flatMap(Arrays::stream).map(Help.Ansi.Text::plainString)
                .collect(Collectors.joining(" ")).replaceAll("\\s+", " ");
    }

    /**
     * The option's default as picocli applies it: the configuration's, from the command line's default provider
     * ({@link OptionDefaults}), or else its annotation's; null if it has none.
     */
    private static String declaredDefault(CommandLine command, OptionSpec option) {
        CommandLine.IDefaultValueProvider provider = command.getCommandSpec().defaultValueProvider();
        try {
            String provided = provider == null ? null : provider.defaultValue(option);
            return provided != null ? provided : option.defaultValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The default the option's help text shows ("default: X"), if it shows one. */
    private static Optional<String> shownDefault(CommandLine command, OptionSpec option) {
        Matcher shown = Pattern.compile("default: ([^\\s),;]+)").matcher(help(command, option));
        return shown.find() ? Optional.of(shown.group(1)) : Optional.empty();
    }

    @Test
    void helpShowsEveryDeclaredDefault() {
        List<String> problems = new ArrayList<>();
        for (CommandLine command : Main.commandLine(new Main()).getSubcommands().values()) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                String shown = help(command, option);
                String declared = declaredDefault(command, option);
                if (declared != null && !shown.matches(".*default: " + Pattern.quote(declared) + "(?![\\w.]).*")) {
                    problems.add(command.getCommandName() + " " + option.longestName() + " (default " + declared
                            + "): " + shown);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** {@code shown}, a default as help prints it, read as a value of {@code used}'s type. */
    private static Object asTypeOf(Object used, String shown) {
        if (used instanceof Enum<?> constant) {
            return Enum.valueOf(constant.getDeclaringClass(), shown.toUpperCase(Locale.ROOT).replace('-', '_'));
        } else if (used instanceof Integer) {
            return Integer.valueOf(shown);
        } else if (used instanceof Long) {
            return Long.valueOf(shown);
        } else if (used instanceof Double) {
            return Double.valueOf(shown);
        } else if (used instanceof Boolean) {
            return Boolean.valueOf(shown);
        } else if (used instanceof Path) {
            return Path.of(shown);
        } else if (used instanceof CheckpointPolicy policy) {
            return CheckpointPolicy.of(policy.resume(), shown);
        }
        return shown;
    }

    /** The command line {@code command} with only its required options, parsed as {@link Main} parses it. */
    private CommandLine parsedWithRequiredOptionsOnly(String command, String... more) {
        CommandLine root = Main.commandLine(new Main());
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(requiredOptions(command));
        args.addAll(List.of(more));
        root.parseArgs(args.toArray(new String[0]));
        return root.getSubcommands().get(command);
    }

    @Test
    void anOmittedOptionTakesTheDefaultItsHelpShows() {
        List<String> problems = new ArrayList<>();
        for (String name : Main.commandLine(new Main()).getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CommandLine command = parsedWithRequiredOptionsOnly(name);
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (declaredDefault(command, option) == null || command.getParseResult().hasMatchedOption(option)) {
                    continue;
                }
                Object value = option.getValue();
                Optional<String> shown = shownDefault(command, option);
                if (shown.isEmpty() || !asTypeOf(value, shown.get()).equals(value)) {
                    problems.add(name + " " + option.longestName() + ": help shows " + shown.orElse("no default")
                            + ", omitted it is " + value);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * Compares what {@code command}'s help shows as each option's default with {@code used}, the values the job's
     * configuration holds when the options are omitted. Every option with a default must be in {@code used}, so a
     * new one is compared too.
     */
    private static void compare(CommandLine command, Map<String, Object> used, List<String> problems) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (declaredDefault(command, option) != null && !used.containsKey(option.longestName())) {
                problems.add(command.getCommandName() + " " + option.longestName() + ": add the value its "
                        + "configuration uses to this test");
            }
        }
        used.forEach((name, value) -> {
            Optional<String> shown = shownDefault(command, command.getCommandSpec().findOption(name));
            if (shown.isEmpty() || !asTypeOf(value, shown.get()).equals(value)) {
                problems.add(command.getCommandName() + " " + name + ": help shows " + shown.orElse("no default")
                        + ", the configuration uses " + value);
            }
        });
    }

    @Test
    void theConfigurationsUseTheDefaultsHelpShows() {
        List<String> problems = new ArrayList<>();

        CommandLine corpusLine = parsedWithRequiredOptionsOnly("corpus");
        CorpusConfig corpus = corpusLine.<CorpusCommand>getCommand().config();
        compare(corpusLine, Map.of("--min-count", corpus.minCount(), "--max-vocab", corpus.maxVocab(),
                "--lowercase", corpus.lowercase(), "--shards", corpus.shards(), "--order", corpus.order(),
                "--max-token-length", corpus.maxTokenLength(), "--max-sentence-length", corpus.maxSentenceLength(),
                "--max-chunk-bytes", corpus.maxChunkBytes()), problems);

        CommandLine word2vecLine = parsedWithRequiredOptionsOnly("word2vec");
        Word2VecCommand word2vec = word2vecLine.getCommand();
        Word2VecJobConfig job = word2vec.config(word2vec.training.builder());
        Word2VecConfig w = job.training();
        Word2VecCommand subwords = parsedWithRequiredOptionsOnly("word2vec", "--maxn", "6").getCommand();
        int buckets = subwords.config(subwords.training.builder()).training().buckets();
        AveragingOptions averaging = word2vec.training.averaging;
        assertEquals(Word2VecJobConfig.defaultRounds(job.workers()), job.syncsPerEpoch());
        Map<String, Object> word2vecUsed = word2vecUsed(job, buckets, averaging);
        word2vecUsed.put("--resume", word2vec.paths.checkpointing().resume());
        word2vecUsed.put("--checkpoint-every", word2vec.paths.checkpointing());
        compare(word2vecLine, word2vecUsed, problems);

        CommandLine gloveLine = parsedWithRequiredOptionsOnly("glove");
        GloveCommand glove = gloveLine.getCommand();
        GloveJobConfig gloveJob = glove.config(glove.averaging.provisionalThreads());
        GloveConfig g = gloveJob.training();
        assertEquals(GloveJobConfig.defaultRounds(gloveJob.workers()), gloveJob.syncsPerEpoch());
        compare(gloveLine, Map.ofEntries(Map.entry("--dim", g.dim()), Map.entry("--window", g.window()),
                Map.entry("--symmetric", g.symmetric()), Map.entry("--x-max", g.xMax()),
                Map.entry("--alpha", g.alpha()), Map.entry("--epochs", g.epochs()),
                Map.entry("--lr", g.learningRate()), Map.entry("--seed", g.seed()),
                Map.entry("--cooccurrence-buffer-mb", g.cooccurrenceBufferMb()), Map.entry("--backend", glove.backend),
                Map.entry("--workers", gloveJob.workers()), Map.entry("--merge", gloveJob.merge()),
                Map.entry("--replica-per", gloveJob.replicaScope()),
                Map.entry("--syncs-per-epoch", glove.averaging.syncsPerEpoch),
                Map.entry("--threads", glove.averaging.threads),
                Map.entry("--resume", glove.paths.checkpointing().resume()),
                Map.entry("--checkpoint-every", glove.paths.checkpointing())), problems);

        for (String name : new String[] {"evaluate", "report"}) {
            CommandLine line = parsedWithRequiredOptionsOnly(name);
            EvaluationSets sets = name.equals("evaluate") ? line.<EvaluateCommand>getCommand().sets
                    : line.<ReportCommand>getCommand().sets;
            AnalogyConfig analogy = sets.config();
            assertEquals(Runtime.getRuntime().availableProcessors(), analogy.threads(), name + ": --threads 0");
            Map<String, Object> used = new HashMap<>(Map.of("--restrict", analogy.restrict(), "--threads",
                    sets.threads));
            if (name.equals("evaluate")) {
                used.put("--oov", line.<EvaluateCommand>getCommand().oov);
            }
            compare(line, used, problems);
        }

        // Its required options only: requiredOptions("finetune") gives --output too, which has a default.
        CommandLine root = Main.commandLine(new Main());
        String missing = dir.resolve("missing").toString();
        root.parseArgs("finetune", "--task", "classification", "--vectors", missing, "--train", missing, "--dev",
                missing);
        CommandLine finetuneLine = root.getSubcommands().get("finetune");
        FineTuneCommand finetuneCommand = finetuneLine.getCommand();
        FineTuneRun finetune = finetuneCommand.run();
        FineTuneConfig f = finetune.training();
        OptimizerConfig o = f.optimizer();
        compare(finetuneLine, Map.ofEntries(Map.entry("--init", f.embeddings()), Map.entry("--epochs", f.epochs()),
                Map.entry("--patience", f.patience()), Map.entry("--batch", f.batchSize()),
                Map.entry("--optimizer", o.optimizer()), Map.entry("--lr", o.learningRate()),
                Map.entry("--lr-schedule", o.schedule()), Map.entry("--warmup", o.warmup()),
                Map.entry("--clip-norm", o.clipNorm()), Map.entry("--dropout", f.dropout()),
                Map.entry("--max-norm", f.maxNorm()), Map.entry("--tag-scheme", f.tagScheme()),
                Map.entry("--workers", finetune.workers()),
                Map.entry("--averaging-frequency", finetune.averagingFrequency()),
                Map.entry("--threads", finetuneCommand.threads), Map.entry("--seed", f.seed()),
                Map.entry("--output", finetune.output())), problems);

        CommandLine refreshLine = parsedWithRequiredOptionsOnly("refresh");
        RefreshCommand refreshCommand = refreshLine.getCommand();
        RefreshConfig refresh = refreshCommand.config(refreshCommand.training.builder().build(), List.of());
        Word2VecCommand subwordRefresh = parsedWithRequiredOptionsOnly("word2vec", "--maxn", "6").getCommand();
        Map<String, Object> refreshUsed = word2vecUsed(refresh.word2vec(),
                subwordRefresh.config(subwordRefresh.training.builder()).training().buckets(),
                refreshCommand.training.averaging);
        refreshUsed.putAll(Map.of("--keep", refresh.publish().keep(), "--max-drop", refresh.maxDrop(),
                "--min-count", refresh.corpus().minCount(), "--shards", refresh.corpus().shards(),
                "--warm-start", refresh.warmStart(), "--downstream-tolerance", refresh.downstreamTolerance()));
        compare(refreshLine, refreshUsed, problems);
        assertEquals(List.of(), problems);
    }

    /** The values a word2vec job uses for the options of {@link Word2VecOptions}. */
    private static Map<String, Object> word2vecUsed(Word2VecJobConfig job, int buckets, AveragingOptions averaging) {
        Word2VecConfig w = job.training();
        return new HashMap<>(Map.ofEntries(Map.entry("--model", w.model()), Map.entry("--loss", w.loss()),
                Map.entry("--dim", w.dim()), Map.entry("--window", w.window()), Map.entry("--negative", w.negative()),
                Map.entry("--ns-exponent", w.nsExponent()), Map.entry("--sample", w.sample()),
                Map.entry("--epochs", w.epochs()), Map.entry("--lr", w.learningRate()),
                Map.entry("--min-lr-ratio", w.minLrRatio()), Map.entry("--maxn", w.maxn()),
                Map.entry("--minn", w.minn()), Map.entry("--buckets", buckets), Map.entry("--backend", w.backend()),
                Map.entry("--seed", w.seed()), Map.entry("--workers", job.workers()), Map.entry("--merge", job.merge()),
                Map.entry("--sync-rare-every", job.rareSyncEvery()), Map.entry("--replica-per", job.replicaScope()),
                // 0 = automatic: the job's count is checked by the caller, its threads come from the Spark session.
                Map.entry("--syncs-per-epoch", averaging.syncsPerEpoch), Map.entry("--threads", averaging.threads)));
    }

    /**
     * An omitted option takes the configuration's own default, not just a value help agrees with: the jobs a command
     * line of required options only builds are the configurations' defaults.
     */
    @Test
    void theCommandsBuildTheConfigurationsDefaults() {
        CorpusCommand corpus = parsedWithRequiredOptionsOnly("corpus").getCommand();
        assertEquals(CorpusConfig.withDefaults(corpus.inputs, corpus.output), corpus.config());

        Word2VecCommand word2vec = parsedWithRequiredOptionsOnly("word2vec").getCommand();
        int rounds = Word2VecJobConfig.defaultRounds(TrainingDefaults.WORKERS);
        assertEquals(new Word2VecJobConfig(word2vec.paths.corpus, word2vec.paths.output, Word2VecConfig.defaults(),
                TrainingDefaults.WORKERS, rounds, null, false, false), word2vec.config(word2vec.training.builder()));
        Word2VecCommand subwords = parsedWithRequiredOptionsOnly("word2vec", "--maxn", "6").getCommand();
        assertEquals(Word2VecConfig.builder().maxn(6).build(), subwords.training.builder().build());

        GloveCommand glove = parsedWithRequiredOptionsOnly("glove").getCommand();
        GloveConfig gloveDefaults = GloveConfig.defaults();
        assertEquals(new GloveJobConfig(glove.paths.corpus, glove.paths.output, gloveDefaults,
                TrainingDefaults.WORKERS, GloveJobConfig.defaultRounds(TrainingDefaults.WORKERS), null, false, false),
                glove.config(gloveDefaults.threads()));

        for (TrainingPaths paths : List.of(word2vec.paths, glove.paths)) {
            assertEquals(CheckpointPolicy.of(CheckpointPolicy.DEFAULT_RESUME, CheckpointPolicy.DEFAULT_INTERVAL),
                    paths.checkpointing());
        }
        EvaluateCommand evaluate = parsedWithRequiredOptionsOnly("evaluate").getCommand();
        assertEquals(AnalogyConfig.defaults(), evaluate.sets.config());

        FineTuneCommand finetune = parsedWithRequiredOptionsOnly("finetune").getCommand();
        FineTuneRun run = finetune.run();
        assertEquals(FineTuneConfig.defaults(ModelKind.CNN, FineTuneConfig.DEFAULT_EMBEDDINGS), run.training());
        assertEquals(List.of(FineTuneRun.DEFAULT_WORKERS, FineTuneRun.DEFAULT_AVERAGING_FREQUENCY,
                FineTuneRun.DEFAULT_THREADS), List.of(run.workers(), run.averagingFrequency(), finetune.threads));
        // CoNLL-2003, the data the NER benchmarks use, is tagged IOB1.
        assertEquals(TagScheme.IOB1, run.training().tagScheme());

        RefreshCommand refresh = parsedWithRequiredOptionsOnly("refresh").getCommand();
        RefreshConfig refreshConfig = refresh.config(refresh.training.builder().build(), List.of());
        CorpusConfig corpusDefaults = CorpusConfig.withDefaults(refresh.inputs, refreshConfig.corpus().output());
        assertEquals(List.of(corpusDefaults.minCount(), corpusDefaults.shards()),
                List.of(refreshConfig.corpus().minCount(), refreshConfig.corpus().shards()));
        assertEquals(PublishConfig.of(refresh.root), refreshConfig.publish());
        assertEquals(List.of(RefreshConfig.DEFAULT_MAX_DROP, RefreshConfig.DEFAULT_DOWNSTREAM_TOLERANCE,
                RefreshConfig.DEFAULT_WARM_START), List.of(refreshConfig.maxDrop(),
                refreshConfig.downstreamTolerance(), refreshConfig.warmStart()));

        TuneCommand tune = parsedWithRequiredOptionsOnly("tune").getCommand();
        Word2VecConfig word2vecDefaults = Word2VecConfig.defaults();
        assertEquals(new TuneConfig(TuneConfig.DEFAULT_STRATEGY, TuneConfig.DEFAULT_TRIALS, TuneConfig.DEFAULT_PARALLEL,
                TuneConfig.DEFAULT_MIN_EPOCHS, word2vecDefaults.epochs(), TuneConfig.DEFAULT_ETA,
                TuneConfig.DEFAULT_GRID_POINTS, TuneConfig.DEFAULT_OBJECTIVE, word2vecDefaults.seed()), tune.config());
        assertEquals(AnalogyConfig.DEFAULT_RESTRICT, tune.restrict);
        // A trial's job is word2vec's with the trial's parameters: with none, word2vec's defaults.
        assertEquals(word2vec.config(word2vec.training.builder()).training(),
                tune.trialJob(Map.of(), word2vecDefaults.epochs(), "out", word2vecDefaults.threads()).training());
    }

    @Test
    void theDefaultsTableNamesOnlyOptionsOfTheirClass() {
        Map<Class<?>, Set<String>> declared = new HashMap<>();
        for (CommandLine command : Main.commandLine(new Main()).getSubcommands().values()) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.userObject() instanceof Field field) {
                    declared.computeIfAbsent(field.getDeclaringClass(), c -> new HashSet<>()).add(option.longestName());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (Class<?> options : OptionDefaults.declaringClasses()) {
            for (String name : OptionDefaults.declaredBy(options).keySet()) {
                if (!declared.getOrDefault(options, Set.of()).contains(name)) {
                    problems.add(options.getSimpleName() + " declares no option " + name);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void helpShowsTheDefaultsTheCodeComputes() {
        Word2VecOptions skipgram = parse();
        Word2VecOptions cbow = parse("--model", "cbow");
        String learningRates = "default: " + skipgram.builder().build().learningRate() + " skip-gram, "
                + cbow.builder().build().learningRate() + " CBOW";
        String exponents = "default: " + skipgram.builder().build().nsExponent() + "; "
                + parse("--maxn", "6").builder().build().nsExponent() + " with --maxn above 0";
        for (String name : new String[] {"word2vec", "refresh"}) {
            CommandLine command = subcommand(name);
            String lr = help(command, command.getCommandSpec().findOption("--lr"));
            assertTrue(lr.contains(learningRates), name + ": " + lr + " (expected " + learningRates + ")");
            String exponent = help(command, command.getCommandSpec().findOption("--ns-exponent"));
            assertTrue(exponent.contains(exponents), name + ": " + exponent + " (expected " + exponents + ")");
        }
        CommandLine finetune = subcommand("finetune");
        String model = help(finetune, finetune.getCommandSpec().findOption("--model"));
        String models = "default: " + Main.lowerCase(FineTuneTaskKind.CLASSIFICATION.defaultModel()) + " for "
                + "classification, " + Main.lowerCase(FineTuneTaskKind.NER.defaultModel()) + " for ner";
        assertTrue(model.contains(models), model + " (expected " + models + ")");
        String decay = help(finetune, finetune.getCommandSpec().findOption("--weight-decay"));
        String decays = "default: " + plain(Optimizer.ADAMW.defaultWeightDecay()) + " with adamw, "
                + plain(Optimizer.ADAM.defaultWeightDecay()) + " otherwise";
        assertEquals(Optimizer.ADAM.defaultWeightDecay(), Optimizer.ADADELTA.defaultWeightDecay());
        assertTrue(decay.contains(decays), decay + " (expected " + decays + ")");
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @CommandLine.Command
    static final class Holder {
        @CommandLine.Mixin
        Word2VecOptions options;
    }

    private static Word2VecOptions parse(String... args) {
        Holder holder = new Holder();
        Main.commandLine(holder).parseArgs(args);
        return holder.options;
    }
}
