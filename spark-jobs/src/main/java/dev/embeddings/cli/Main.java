package dev.embeddings.cli;

import dev.embeddings.Version;
import dev.embeddings.finetune.EmbeddingMode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code embeddings COMMAND [--option value]...}: the one entry point of the application jar, run by
 * {@code submit-scripts/embeddings} in the embedded default and by spark-submit on a cluster.
 * Exit status: 0 success, 1 the job failed, 2 bad usage or configuration.
 */
@Command(name = "embeddings", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Word vectors trained on Spark: corpus -> training -> vectors -> evaluation.",
        subcommands = {CorpusCommand.class, Word2VecCommand.class, GloveCommand.class, EvaluateCommand.class,
                NearestCommand.class, AnalogyCommand.class, ConvertCommand.class, ReportCommand.class,
                FineTuneCommand.class, PredictCommand.class, RefreshCommand.class, SampleCommand.class, TuneCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command");
    }

    public static void main(String[] args) {
        int status;
        try {
            status = execute(args);
        } catch (Throwable e) {
            // An Error (out of memory, a full disk's FSError) passes picocli's handler; the exit below still runs, or
            // Spark's non-daemon threads would keep the JVM, and its heap, alive after the failure.
            System.err.println("embeddings: error: " + describe(e));
            LOG.debug("failed", e);
            status = CommandLine.ExitCode.SOFTWARE;
        }
        System.exit(status);
    }

    /** Runs a command line and returns its exit status (tests call this rather than {@link #main}). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, printing results to {@code out} and errors to {@code err}. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(new Main()).setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler(Main::reportFailure);
        commandLine.setParameterExceptionHandler((e, ignored) -> reportUsageError(e));
        try {
            ConfigFile.apply(commandLine, args);
        } catch (CommandLine.ParameterException e) {
            return reportUsageError(e);
        }
        return commandLine.execute(args);
    }

    /**
     * The command line of {@code command}: options take their defaults from the configurations
     * ({@link OptionDefaults}), and enum options take their constants' names in any case, so the lower-case names
     * that help and config files use ({@code --model cbow}, {@code --backend jvm}) convert to the constants.
     */
    static CommandLine commandLine(Object command) {
        return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(EmbeddingMode.class, Main::embeddingMode)
                .setDefaultValueProvider(new OptionDefaults());
    }

    /** {@code random}, {@code static} or {@code fine-tune}: the one constant whose name has a dash. */
    private static EmbeddingMode embeddingMode(String name) {
        try {
            return EmbeddingMode.parse(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** An enum constant as the command line and its output spell it: its name in lower case, '_' as '-'. */
    static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Bad usage prints one line naming the problem, and a pointer to the help rather than the whole usage, which
     * would bury it. An unknown option or command is named first (with the closest known name), even when picocli
     * noticed a missing required option first: the typo is usually why that option is missing.
     */
    private static int reportUsageError(CommandLine.ParameterException e) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(command.getCommandName() + ": error: " + usageProblem(e, command));
        command.getErr().println("see '" + command.getCommandSpec().qualifiedName() + " --help'");
        return CommandLine.ExitCode.USAGE;
    }

    private static String usageProblem(CommandLine.ParameterException e, CommandLine command) {
        List<String> unmatched = e instanceof CommandLine.UnmatchedArgumentException u ? u.getUnmatched()
                : command.getParseResult() != null ? command.getParseResult().unmatched() : List.of();
        if (unmatched == null || unmatched.isEmpty()) {
            return lowerCaseChoices(e.getMessage());
        }
        CommandSpec spec = command.getCommandSpec();
        String first = unmatched.get(0);
        if (!spec.subcommands().isEmpty() && !first.startsWith("-")) {
            // The command itself is unknown: what follows it are its options, not ours.
            return "unknown command '" + first + "'" + didYouMean(first, spec.subcommands().keySet());
        }
        for (String arg : unmatched) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean option = name.startsWith("-") && name.length() > 1 && !name.matches("-[0-9.].*");
            if (option && spec.findOption(name) == null) {
                List<String> known = new ArrayList<>();
                spec.options().stream().filter(o -> !o.hidden()).forEach(o -> known.addAll(List.of(o.names())));
                return "unknown option '" + name + "'" + didYouMean(name, known);
            }
        }
        return "unexpected argument '" + first + "'";
    }

    /**
     * picocli names an enum option's choices by their constants ("expected one of [SKIP, COMPOSE]
     * (case-insensitive)"); the help and the config files spell them in lower case, so the error does too.
     */
    private static String lowerCaseChoices(String message) {
        Pattern enumChoices = Pattern.compile("expected one of \\[([A-Z0-9_, ]+)] \\(case-insensitive\\)");
        Matcher choices = enumChoices.matcher(message);
        return choices.find()
                ? message.substring(0, choices.start()) + "expected one of ["
                        + choices.group(1).toLowerCase(Locale.ROOT) + "]" + message.substring(choices.end())
                : message;
    }

    static String didYouMean(String typed, Collection<String> known) {
        return Suggestion.closest(typed, known).map(s -> " (did you mean " + s + "?)").orElse("");
    }

    /** A failed job prints one clear line (the causes' messages); the stack trace goes to the log. */
    private static int reportFailure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        String message = describe(e);
        if (e instanceof IllegalArgumentException) {
            message = withOptionName(message, command.getCommandSpec());
        }
        command.getErr().println(command.getCommandName() + ": error: " + message);
        LOG.debug("{} failed", command.getCommandName(), e);
        return e instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
    }

    /** The parameters whose option is not their name in kebab case. */
    private static final Map<String, String> OPTION_OF_PARAMETER = Map.of("inputs", "--input",
            "learningRate", "--lr", "rareSyncEvery", "--sync-rare-every", "replicaScope", "--replica-per",
            "batchSize", "--batch", "embeddingLearningRate", "--embedding-lr", "schedule", "--lr-schedule");

    /**
     * {@code message}, a configuration's, with the parameter it opens with ({@code minCount must be at least 1}, as
     * the Spark ML estimators show it) named as the option of {@code command} that sets it ({@code --min-count}).
     */
    static String withOptionName(String message, CommandSpec command) {
        Matcher parameter = Pattern.compile("^([a-z][A-Za-z]*)(?=:| must | needs )").matcher(message);
        if (!parameter.find()) {
            return message;
        }
        String name = parameter.group(1);
        String option = OPTION_OF_PARAMETER.getOrDefault(name,
                "--" + name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
        return command.findOption(option) == null ? message : option + message.substring(parameter.end());
    }

    /** The messages of a failure and its causes, each once, on one line. */
    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (message.indexOf(m) < 0) {
                message.append(message.length() == 0 ? "" : ": caused by ").append(m);
            }
        }
        return message.toString();
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Version.TOOL + " " + Version.VERSION};
        }
    }
}
