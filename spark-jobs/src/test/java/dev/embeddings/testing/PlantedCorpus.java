package dev.embeddings.testing;

import dev.embeddings.corpus.CorpusConfig;
import dev.embeddings.corpus.CorpusJob;
import dev.embeddings.corpus.SentenceOrder;
import dev.embeddings.corpus.SyntheticCorpus;
import dev.embeddings.eval.AnalogyConfig;
import dev.embeddings.eval.AnalogyQuestions;
import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.eval.Evaluation;
import dev.embeddings.eval.EvaluationReport;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** The planted-relations sample turned into a corpus directory by the real corpus job, and scored against it. */
public final class PlantedCorpus {

    private final Path dir;

    private PlantedCorpus(Path dir) {
        this.dir = dir;
    }

    /** Generates {@code sentences} planted sentences into {@code dir} and runs the corpus job on them. */
    public static PlantedCorpus create(SparkSession spark, Path dir, int sentences, int shards) throws IOException {
        SyntheticCorpus.standard(7).writeTo(dir.resolve("text"), sentences);
        CorpusConfig config = new CorpusConfig(List.of(dir.resolve("text").resolve(SyntheticCorpus.CORPUS_FILE)
                .toString()), dir.resolve("corpus").toString(), 5, 0, true, shards, SentenceOrder.SHUFFLED, 100, 1000,
                CorpusConfig.DEFAULT_MAX_CHUNK_BYTES, false);
        new CorpusJob(spark, config).run();
        return new PlantedCorpus(dir);
    }

    public String corpusDir() {
        return dir.resolve("corpus").toString();
    }

    /** The analogy report of {@code vectors} on the planted questions (sections capital-country, ...). */
    public AnalogyResult analogies(WordVectors vectors) throws IOException {
        AnalogyQuestions questions = AnalogyQuestions.read(dir.resolve("text").resolve(SyntheticCorpus.ANALOGY_FILE));
        EvaluationReport report = Evaluation.run(vectors, List.of(questions), List.of(), AnalogyConfig.defaults());
        return report.analogy().values().iterator().next();
    }
}
