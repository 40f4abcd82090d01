package dev.embeddings.cli;

import dev.embeddings.eval.EvaluationReport;
import dev.embeddings.vectors.WordVectors;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score vectors on analogy questions (3CosAdd, 3CosMul) and word-similarity sets "
                + "(Spearman, Pearson).")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VectorsOption vectors;

    @Mixin
    EvaluationSets sets;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!sets.any()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give at least one --analogy or --similarity file to evaluate on");
        }
        sets.config();
        Configuration conf = DriverConf.hadoop();
        WordVectors loaded = vectors.load(conf);
        EvaluationReport report = sets.run(loaded, conf);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.toJson() + System.lineSeparator() : report.toTable());
        out.flush();
        return 0;
    }
}
