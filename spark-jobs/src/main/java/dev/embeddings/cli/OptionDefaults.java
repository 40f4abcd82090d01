package dev.embeddings.cli;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options' defaults, taken from the configurations in {@code common} ({@code Word2VecConfig.defaults()},
 * {@code GloveConfig.defaults()}, {@code CorpusConfig}, ...) that the Spark ML estimators read too: picocli applies
 * them and help prints them as {@code ${DEFAULT-VALUE}}, so no option spells out a default that a configuration
 * holds. Each options class lists its own by option name ({@code defaults()}); an option it does not list (one
 * that only the command line has, like {@code convert --format}) keeps its annotation's default.
 */
final class OptionDefaults implements CommandLine.IDefaultValueProvider {

    private static final Map<Class<?>, Map<String, Object>> BY_CLASS = Map.ofEntries(
            Map.entry(CorpusCommand.class, CorpusCommand.defaults()),
            Map.entry(Word2VecOptions.class, Word2VecOptions.defaults()),
            Map.entry(GloveCommand.class, GloveCommand.defaults()),
            Map.entry(AveragingOptions.class, AveragingOptions.defaults()),
            Map.entry(TrainingPaths.class, TrainingPaths.defaults()),
            Map.entry(EvaluationSets.class, EvaluationSets.defaults()),
            Map.entry(EvaluateCommand.class, EvaluateCommand.defaults()),
            Map.entry(TuneCommand.class, TuneCommand.defaults()),
            Map.entry(NearestCommand.class, NeighbourTable.defaults()),
            Map.entry(AnalogyCommand.class, NeighbourTable.defaults()),
            Map.entry(FineTuneCommand.class, FineTuneCommand.defaults()),
            Map.entry(RefreshCommand.class, RefreshCommand.defaults()),
            Map.entry(SampleCommand.class, SampleCommand.defaults()));

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !(arg.userObject() instanceof Field field)) {
            return null;
        }
        Object value = declaredBy(field.getDeclaringClass()).get(option.longestName());
        return value == null ? null : spelled(value);
    }

    /** The command and mixin classes that declare defaults here. */
    static Set<Class<?>> declaringClasses() {
        return BY_CLASS.keySet();
    }

    /** The defaults {@code options}, a command or mixin class, declares by option name (none if it is not listed). */
    static Map<String, Object> declaredBy(Class<?> options) {
        return BY_CLASS.getOrDefault(options, Map.of());
    }

    /** A value as the command line spells it: an enum constant in lower case, 1e-4 rather than 1.0E-4. */
    static String spelled(Object value) {
        if (value instanceof Enum<?> constant) {
            return Main.lowerCase(constant);
        }
        if (value instanceof Double number) {
            return Double.toString(number).replace('E', 'e').replaceFirst("\\.0(?=e|$)", "");
        }
        return String.valueOf(value);
    }
}
