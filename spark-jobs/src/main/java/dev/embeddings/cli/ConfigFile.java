package dev.embeddings.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE}: a properties file whose keys are a command's option names without dashes
 * ({@code min-count = 3}); values there replace the built-in defaults, and flags on the command line override them.
 * Unknown keys are rejected, so a typo in a scheduled job's config fails loudly instead of being ignored.
 */
final class ConfigFile {

    static final String OPTION = "--config";

    /** A command that reads the keys of its config file starting with {@link #configSection()} itself. */
    interface Section {
        /** The keys' prefix, e.g. {@code downstream.} */
        String configSection();
    }

    private ConfigFile() {
    }

    static void apply(CommandLine root, String[] args) {
        if (args.length == 0 || !root.getSubcommands().containsKey(args[0])) {
            return;
        }
        String file = find(args);
        if (file == null) {
            return;
        }
        CommandLine command = root.getSubcommands().get(args[0]);
        Properties properties = load(command, Path.of(file));
        Set<String> known = new TreeSet<>();
        for (OptionSpec option : command.getCommandSpec().options()) {
            known.add(option.longestName().replaceFirst("^-+", ""));
        }
        known.remove("config");
        known.remove("help");
        String section = command.getCommand() instanceof Section s ? s.configSection() : null;
        for (String key : properties.stringPropertyNames()) {
            if (!known.contains(key) && (section == null || !key.startsWith(section))) {
                throw new CommandLine.ParameterException(command, "config file " + file + ": unknown key '" + key
                        + "'" + Main.didYouMean(key, known));
            }
        }
        CommandLine.IDefaultValueProvider fromFile = new CommandLine.PropertiesDefaultProvider(properties);
        CommandLine.IDefaultValueProvider builtIn = command.getDefaultValueProvider();
        command.setDefaultValueProvider(option -> {
            String value = fromFile.defaultValue(option);
            return value != null || builtIn == null ? value : builtIn.defaultValue(option);
        });
    }

    private static String find(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(OPTION + "=")) {
                return args[i].substring(OPTION.length() + 1);
            }
        }
        return null;
    }

    private static Properties load(CommandLine command, Path file) {
        try {
            return read(file);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(command, "cannot read config file " + file + ": " + e);
        }
    }

    static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(r);
        }
        return properties;
    }
}
