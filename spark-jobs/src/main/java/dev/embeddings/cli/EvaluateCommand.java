package dev.embeddings.cli;

import dev.embeddings.eval.EvaluationReport;
import dev.embeddings.eval.OovWords;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.vectors.WordVectors;
import java.io.PrintWriter;
import java.util.Map;
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

    /** These options' defaults: evaluation's. */
    static Map<String, Object> defaults() {
        return Map.of("--oov", OovWords.DEFAULT);
    }

    @Spec
    CommandSpec spec;

    @Mixin
    VectorsOption vectors;

    @Mixin
    EvaluationSets sets;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--oov", paramLabel = "skip|compose",
            description = "Test words outside the vocabulary: skip their questions and pairs, or compose their "
                    + "vectors from the subword model (a fastText .bin, or --vectors DIR's "
                    + VectorsManifest.FASTTEXT_MODEL + ") and report those scores too (default: ${DEFAULT-VALUE}).")
    OovWords oov;

    @Override
    public Integer call() throws Exception {
        if (!sets.any()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give at least one --analogy or --similarity file to evaluate on");
        }
        sets.config();
        Configuration conf = DriverConf.hadoop();
        WordVectors loaded;
        if (oov == OovWords.COMPOSE) {
            if (vectors.subwordModel(conf).isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--oov compose needs a subword model: "
                        + "--vectors " + vectors.location + " is neither a fastText .bin nor a training output "
                        + "directory with " + VectorsManifest.FASTTEXT_MODEL + " (word2vec --maxn above 0 writes it)");
            }
            loaded = vectors.loadWithSubwords(conf);
        } else {
            loaded = vectors.load(conf);
        }
        EvaluationReport report = sets.run(loaded, conf, oov);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.toJson() + System.lineSeparator() : report.toTable());
        out.flush();
        return 0;
    }
}
