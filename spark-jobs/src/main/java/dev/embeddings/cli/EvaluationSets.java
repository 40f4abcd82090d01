package dev.embeddings.cli;

import dev.embeddings.eval.AnalogyConfig;
import dev.embeddings.eval.AnalogyQuestions;
import dev.embeddings.eval.Evaluation;
import dev.embeddings.eval.EvaluationReport;
import dev.embeddings.eval.OovWords;
import dev.embeddings.eval.SimilarityPairs;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Option;

/** The evaluation options of {@code evaluate} and {@code report}: test sets and analogy settings. */
final class EvaluationSets {

    /** These options' defaults: {@link AnalogyConfig}'s. */
    static Map<String, Object> defaults() {
        return Map.of("--restrict", AnalogyConfig.DEFAULT_RESTRICT, "--threads", AnalogyConfig.ALL_CORES);
    }

    @Option(names = "--analogy", paramLabel = "FILE",
            description = "Analogy questions in the questions-words.txt layout; repeatable.")
    List<String> analogy = new ArrayList<>();

    @Option(names = "--similarity", paramLabel = "FILE",
            description = "Word pairs with relatedness scores (word1 word2 score); repeatable.")
    List<String> similarity = new ArrayList<>();

    @Option(names = "--restrict", paramLabel = "N",
            description = "Analogies use only the N most frequent words (default: ${DEFAULT-VALUE}).")
    int restrict;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads; 0 = the cores of this machine (default: ${DEFAULT-VALUE}).")
    int threads;

    boolean any() {
        return !analogy.isEmpty() || !similarity.isEmpty();
    }

    /** Checks the settings before any file is read. */
    AnalogyConfig config() {
        return new AnalogyConfig(restrict, AnalogyConfig.allCores(threads))
                .validate();
    }

    /** How a set is read from its stream, given its name. */
    @FunctionalInterface
    interface SetReader<T> {
        T read(InputStream in, String name) throws IOException;
    }

    /** The sets in {@code files} (any Hadoop paths), each read by {@code reader} and named by its file name. */
    static <T> List<T> read(List<String> files, Configuration conf, SetReader<T> reader) throws IOException {
        List<T> sets = new ArrayList<>();
        for (String file : files) {
            Path path = new Path(file);
            try (InputStream in = path.getFileSystem(conf).open(path)) {
                sets.add(reader.read(in, path.getName()));
            }
        }
        return sets;
    }

    /** Reads every set (named by file name in the report) and evaluates {@code vectors} on them. */
    EvaluationReport run(WordVectors vectors, Configuration conf) throws IOException {
        return run(vectors, conf, OovWords.DEFAULT);
    }

    /** As above, test words outside the vocabulary treated as {@code oov} says. */
    EvaluationReport run(WordVectors vectors, Configuration conf, OovWords oov) throws IOException {
        AnalogyConfig config = config();
        List<AnalogyQuestions> analogySets = read(analogy, conf, AnalogyQuestions::read);
        List<SimilarityPairs> similaritySets = read(similarity, conf, SimilarityPairs::read);
        return Evaluation.run(vectors, analogySets, similaritySets, config, oov);
    }
}
