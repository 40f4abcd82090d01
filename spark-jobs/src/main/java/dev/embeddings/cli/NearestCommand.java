package dev.embeddings.cli;

import dev.embeddings.vectors.WordVectors;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "nearest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List the words most similar (by cosine) to each given word.")
final class NearestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VectorsOption vectors;

    @Parameters(arity = "1..*", paramLabel = "WORD", description = "Words to look up (exact match).")
    List<String> words;

    @Option(names = "--k", description = "Neighbours per word (default: ${DEFAULT-VALUE}).")
    int k;

    @Override
    public Integer call() throws Exception {
        NeighbourTable.checkK(k);
        WordVectors loaded = vectors.loadContaining(words);
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                spec.commandLine().getOut().println();
            }
            NeighbourTable.print(spec.commandLine().getOut(), words.get(i), loaded.nearest(words.get(i), k));
        }
        return 0;
    }
}
