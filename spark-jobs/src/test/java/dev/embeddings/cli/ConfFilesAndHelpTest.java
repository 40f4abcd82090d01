package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.embeddings.finetune.FineTuneTaskKind;
import dev.embeddings.finetune.Optimizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * defaults, and {@code --help} shows every option's default as the code has it.
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
                if (option.defaultValue() != null
                        && !defaults.get(option.longestName()).equals(fromFile.get(option.longestName()))) {
                    problems.add(file + ": " + key + " = " + settings.getProperty(key) + ", the default is "
                            + option.defaultValue());
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

    @Test
    void helpShowsEveryDeclaredDefault() {
        List<String> problems = new ArrayList<>();
        for (CommandLine command : Main.commandLine(new Main()).getSubcommands().values()) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                String shown = help(command, option);
                if (option.defaultValue() != null && !shown.matches(
                        ".*default: " + Pattern.quote(option.defaultValue()) + "(?![\\w.]).*")) {
                    problems.add(command.getCommandName() + " " + option.longestName() + " (default "
                            + option.defaultValue() + "): " + shown);
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
        for (String name : new String[] {"word2vec", "refresh"}) {
            CommandLine command = subcommand(name);
            String lr = help(command, command.getCommandSpec().findOption("--lr"));
            assertTrue(lr.contains(learningRates), name + ": " + lr + " (expected " + learningRates + ")");
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
