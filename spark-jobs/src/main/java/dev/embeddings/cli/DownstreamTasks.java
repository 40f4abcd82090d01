package dev.embeddings.cli;

import dev.embeddings.finetune.FineTuneRun;
import dev.embeddings.finetune.FineTuneRunner;
import dev.embeddings.refresh.DownstreamTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The downstream tasks of refresh and of tune's {@code --objective finetune}: {@code --downstream NAME} names them and
 * the {@code --config} file sets each one's {@code finetune} options as {@code downstream.NAME.OPTION = value} (the
 * option without dashes, as in a finetune config file). Each task's settings are read by {@code finetune}'s own
 * command line and checks, so they take the same names, defaults and validation as {@code embeddings finetune}; the
 * command supplies the vectors and the output itself.
 */
final class DownstreamTasks {

    static final String SECTION = "downstream.";
    /** finetune options refresh and tune set (vectors, output) or that make no sense for a published model. */
    private static final Set<String> RESERVED = Set.of("vectors", "output", "overwrite", "compare", "master", "config",
            "help", "version");

    private DownstreamTasks() {
    }

    /** The tasks {@code names} asks for, every setting checked and their files found, before any work. */
    static List<DownstreamTask> parse(List<String> names, String configFile) throws IOException {
        Properties properties = configFile == null ? new Properties() : ConfigFile.read(Path.of(configFile));
        Map<String, Map<String, String>> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(SECTION)) {
                String[] parts = key.substring(SECTION.length()).split("\\.", 2);
                if (parts.length < 2 || !names.contains(parts[0])) {
                    throw new IllegalArgumentException("config file " + configFile + ": key '" + key
                            + "' names no task of --downstream " + names + " (keys are downstream.NAME.OPTION)");
                }
                settings.computeIfAbsent(parts[0], n -> new TreeMap<>()).put(parts[1], properties.getProperty(key));
            }
        }
        List<DownstreamTask> tasks = new ArrayList<>();
        for (String name : names) {
            if (!settings.containsKey(name)) {
                throw new IllegalArgumentException("--downstream " + name + ": no " + SECTION + name + ".* keys in "
                        + (configFile == null ? "a --config file (none given)" : "config file " + configFile)
                        + "; set at least task, train and dev");
            }
            tasks.add(task(name, settings.get(name), configFile));
        }
        return tasks;
    }

    private static DownstreamTask task(String name, Map<String, String> settings, String configFile)
            throws IOException {
        CommandLine finetune = Main.commandLine(new FineTuneCommand());
        Set<String> known = new TreeSet<>();
        for (OptionSpec option : finetune.getCommandSpec().options()) {
            known.add(option.longestName().replaceFirst("^-+", ""));
        }
        known.removeAll(RESERVED);
        // Placeholders: refresh and tune replace both with the vectors they fine-tune on and their own output
        // (FineTuneRun.on).
        Map<String, String> options = new LinkedHashMap<>(Map.of("vectors", "refresh-vectors", "output", name));
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String key = SECTION + name + "." + setting.getKey();
            if (RESERVED.contains(setting.getKey())) {
                throw new IllegalArgumentException("config file " + configFile + ": key '" + key + "': refresh and "
                        + "tune set vectors and output themselves (a refresh's models go into versions/<id>/models/"
                        + name + "/)");
            }
            if (!known.contains(setting.getKey())) {
                throw new IllegalArgumentException("config file " + configFile + ": unknown key '" + key
                        + "': not a finetune option" + Main.didYouMean(setting.getKey(), known));
            }
            options.put(setting.getKey(), setting.getValue());
        }
        List<String> args = new ArrayList<>();
        options.forEach((option, value) -> args.addAll(List.of("--" + option, value)));
        try {
            finetune.parseArgs(args.toArray(String[]::new));
            FineTuneCommand command = finetune.getCommand();
            FineTuneRun run = command.run();
            FineTuneRunner.checkTaskFiles(run);
            return new DownstreamTask(name, run, command.threads);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            throw new IllegalArgumentException("downstream task " + name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("downstream task " + name + ": " + e.getMessage(), e);
        }
    }
}
