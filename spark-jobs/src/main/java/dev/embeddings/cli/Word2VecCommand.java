package dev.embeddings.cli;

import dev.embeddings.checkpoint.CheckpointPolicy;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.spark.SparkSessions;
import dev.embeddings.word2vec.Word2VecConfig;
import dev.embeddings.word2vec.Word2VecJob;
import dev.embeddings.word2vec.Word2VecJobConfig;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "word2vec", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train skip-gram or CBOW vectors on a corpus directory, with parameter averaging across "
                + "workers.")
final class Word2VecCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions spark;

    @Mixin
    TrainingPaths paths;

    @Mixin
    Word2VecOptions training;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Word2VecConfig.Builder builder = training.builder();
        // Validate everything before Spark starts.
        config(builder);
        CheckpointPolicy checkpointing = paths.checkpointing();
        paths.checkInputs();
        try (SparkSession session = SparkSessions.create("embeddings word2vec", spark.master)) {
            Word2VecJobConfig config = config(builder.threads(training.averaging.threads(session)));
            VectorsManifest m = new Word2VecJob(session, config, checkpointing).run().manifest();
            out.printf("vectors written to %s%n", config.output());
            out.printf(Locale.ROOT, "  %s/%s, %d words x %d dims, %d worker(s) x %d thread(s), loss %.4f, "
                    + "%.0f words/s%n", Main.lowerCase(training.model), Main.lowerCase(training.loss),
                    m.vocabularySize(), m.dimension(), training.averaging.workers, config.training().threads(),
                    m.metrics().finalLoss(), m.metrics().wordsPerSecond());
        }
        return 0;
    }

    /** The job these options give, trained as {@code builder} says; validated. */
    Word2VecJobConfig config(Word2VecConfig.Builder builder) {
        return new Word2VecJobConfig(paths.corpus, paths.output, builder.build(), training.averaging.workers,
                training.roundsPerEpoch(), paths.init, paths.parquet, paths.overwrite, training.merge(),
                training.syncRareEvery).withReplicaScope(training.averaging.replicaScope());
    }
}
