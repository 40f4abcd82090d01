package dev.embeddings.cli;

import dev.embeddings.eval.EvaluationReport;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.report.RunReport;
import dev.embeddings.vectors.WordVectors;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "(Re)write " + RunReport.FILE + " of a finished training output directory: parameters, "
                + "training curves, scores, nearest neighbours and a PCA map of frequent words, in one offline page.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VectorsOption vectors;

    @Mixin
    EvaluationSets sets;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write the page (default: DIR/" + RunReport.FILE + ", replaced).")
    String output;

    @Override
    public Integer call() throws Exception {
        sets.config();
        Configuration conf = DriverConf.hadoop();
        VectorsManifest manifest = vectors.manifest(conf);
        WordVectors loaded = vectors.load(conf);
        EvaluationReport scores = sets.any() ? sets.run(loaded, conf) : null;
        byte[] html = RunReport.render(manifest, loaded, scores).getBytes(StandardCharsets.UTF_8);
        String target = output != null ? output : new Path(vectors.location, RunReport.FILE).toString();
        Path written = FileReplacement.write(target, conf, true, (out, name) -> out.write(html));
        spec.commandLine().getOut().printf("report written to %s%n", written);
        return 0;
    }
}
