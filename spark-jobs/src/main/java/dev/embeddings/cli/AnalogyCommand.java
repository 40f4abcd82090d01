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

@Command(name = "analogy", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Answer 'A is to B as C is to ?' with 3CosAdd: the words nearest to B - A + C.")
final class AnalogyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VectorsOption vectors;

    @Parameters(arity = "3", paramLabel = "WORD", description = "A B C.")
    List<String> words;

    @Option(names = "--k", description = "Answers to list (default: ${DEFAULT-VALUE}).")
    int k;

    @Override
    public Integer call() throws Exception {
        NeighbourTable.checkK(k);
        WordVectors loaded = vectors.loadContaining(words);
        String a = words.get(0);
        String b = words.get(1);
        String c = words.get(2);
        NeighbourTable.print(spec.commandLine().getOut(), a + " : " + b + " :: " + c + " : ?",
                loaded.analogy(a, b, c, k));
        return 0;
    }
}
