package dev.embeddings.cli;

import dev.embeddings.config.Validation;

import dev.embeddings.corpus.SyntheticCorpus;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Generate the planted-relations sample corpus with its analogy and similarity files.")
final class SampleCommand implements Callable<Integer> {

    /** These options' defaults: {@link SyntheticCorpus}'s. */
    static Map<String, Object> defaults() {
        return Map.of("--sentences", SyntheticCorpus.DEFAULT_SENTENCES, "--seed", SyntheticCorpus.DEFAULT_SEED);
    }

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory to write into.")
    Path output;

    @Option(names = "--sentences",
            description = "Number of sentences (default: ${DEFAULT-VALUE}).")
    int sentences;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Validation.atLeast("--sentences", sentences, 1);
        SyntheticCorpus.standard(seed).writeTo(output, sentences);
        out.printf("wrote %s, %s and %s to %s%n", SyntheticCorpus.CORPUS_FILE, SyntheticCorpus.ANALOGY_FILE,
                SyntheticCorpus.SIMILARITY_FILE, output);
        return 0;
    }
}
