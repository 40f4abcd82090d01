package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.ml.GloveEstimator;
import dev.embeddings.ml.Word2VecEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A parameter that both a command and a Spark ML estimator take is described once: the option's {@code --help}
 * text is the estimator's {@code Param} doc followed by its default (or just a full stop). Both read
 * {@link dev.embeddings.config.ParameterDocs}; this checks that none of them spells its own.
 */
class ParameterDocsTest {

    /** Params the command line has no option for (the DataFrame's columns, pooling, a fit's scratch directory). */
    private static final Set<String> NO_OPTION = Set.of("inputCol", "outputCol", "pooling", "workDir");

    /**
     * Params whose option each command words in its own resource bundle, as what a worker does and what 0 rounds
     * means differ by model ({@link AveragingOptions#help}).
     */
    private static final Set<String> WORDED_PER_COMMAND = Set.of("workers", "syncsPerEpoch");

    /** The options whose name is not the parameter's in kebab case. */
    private static final Map<String, String> OPTION_OF_PARAM = Map.of("learningRate", "--lr");

    private static String optionName(String param) {
        return OPTION_OF_PARAM.getOrDefault(param, "--" + param.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
    }

    /** {@code estimator}'s params against the options of {@code command} (then of {@code corpus}, for the vocabulary). */
    private static List<String> disagreements(Params estimator, String command) {
        CommandLine root = Main.commandLine(new Main());
        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (Param<?> param : estimator.params()) {
            if (NO_OPTION.contains(param.name()) || WORDED_PER_COMMAND.contains(param.name())) {
                continue;
            }
            OptionSpec option = root.getSubcommands().get(command).getCommandSpec().findOption(optionName(param.name()));
            if (option == null) {
                option = root.getSubcommands().get("corpus").getCommandSpec().findOption(optionName(param.name()));
            }
            if (option == null) {
                problems.add(command + ": no option for param " + param.name());
                continue;
            }
            String help = String.join(" ", option.description());
            // A doc may name defaults Spark cannot show (learningRate's depend on the model); help shows its own.
            String description = param.doc().replaceFirst(" \\(default: [^)]*\\)$", "");
            compared++;
            if (!help.startsWith(description + " (default: ") && !help.equals(description + ".")) {
                problems.add(command + " " + option.longestName() + ": help '" + help + "' does not open with "
                        + param.name() + "'s doc '" + description + "'");
            }
        }
        assertTrue(compared >= 8, command + ": compared only " + compared + " params");
        return problems;
    }

    @Test
    void word2vecOptionsOpenWithTheEstimatorsParamDocs() {
        assertEquals(List.of(), disagreements(new Word2VecEstimator(), "word2vec"));
    }

    @Test
    void gloveOptionsOpenWithTheEstimatorsParamDocs() {
        assertEquals(List.of(), disagreements(new GloveEstimator(), "glove"));
    }
}
