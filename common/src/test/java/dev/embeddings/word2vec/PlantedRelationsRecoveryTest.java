package dev.embeddings.word2vec;

import dev.embeddings.vocab.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training on the planted-relations corpus recovers the planted relations with every model x loss (and with the
 * ND4J backend's negative sampling): countries have their capital or language among their nearest
 * neighbours, and analogies are often solved, far above chance (about 10 / V for a top-10 hit, 1 / V for an
 * analogy, V ~ 2,000).
 */
class PlantedRelationsRecoveryTest {

    private static PlantedCorpus corpus;
    private static Map<String, List<int[]>> analogySections;

    @BeforeAll
    static void generateCorpus(@TempDir Path dir) throws IOException {
        corpus = PlantedCorpus.generate(dir, 7, 40_000, 5);
        StringWriter analogies = new StringWriter();
        corpus.generator().writeAnalogies(analogies);
        analogySections = parseAnalogies(analogies.toString(), corpus.vocabulary());
    }

    @ParameterizedTest
    @CsvSource({"SKIPGRAM, NS, JVM", "SKIPGRAM, HS, JVM", "CBOW, NS, JVM", "CBOW, HS, JVM", "CBOW, NS, ND4J",
            "SKIPGRAM, NS, ND4J"})
    void trainingRecoversPlantedRelations(Word2VecConfig.Architecture architecture, Word2VecConfig.Loss loss,
                                          Word2VecConfig.Backend backend) throws IOException {
        Word2VecConfig config = Word2VecConfig.builder().model(architecture).loss(loss).backend(backend).dim(50)
                .threads(2).seed(3).build();
        Vocabulary vocabulary = corpus.vocabulary();
        Word2VecModel model = Word2VecModel.initialize(vocabulary.size(), config.dim(), loss, config.seed());
        TrainingProgress last = new Word2VecTrainer(config, model, vocabulary.counts())
                .trainEpochs(epoch -> corpus.sources(config.threads()), corpus.tokens(), ProgressListener.NONE);

        VectorQueries queries = new VectorQueries(model);
        double neighbourHits = relatedNeighbourRate(queries, analogySections.get("capital-country"),
                analogySections.get("country-language"));
        double capitalAccuracy = analogyAccuracy(queries, analogySections.get("capital-country"));
        double languageAccuracy = analogyAccuracy(queries, analogySections.get("country-language"));
        System.out.printf("%s %s %s: %s; neighbour hits %.3f, capital analogies %.3f, language analogies %.3f%n",
                architecture, loss, backend, last, neighbourHits, capitalAccuracy, languageAccuracy);
        assertTrue(neighbourHits >= 0.8, "countries with capital or language in top 10: " + neighbourHits);
        assertTrue(capitalAccuracy >= 0.2, "capital-country analogy accuracy: " + capitalAccuracy);
        assertTrue(languageAccuracy >= 0.2, "country-language analogy accuracy: " + languageAccuracy);
    }

    /** Fraction of countries whose 10 nearest neighbours include their capital or their language. */
    private static double relatedNeighbourRate(VectorQueries queries, List<int[]> capitalQuestions,
                                               List<int[]> languageQuestions) {
        Map<Integer, int[]> related = new LinkedHashMap<>();
        for (int[] q : capitalQuestions) {
            related.computeIfAbsent(q[0], c -> new int[2])[0] = q[1];
        }
        for (int[] q : languageQuestions) {
            related.computeIfAbsent(q[0], c -> new int[2])[1] = q[1];
        }
        int hits = 0;
        for (Map.Entry<Integer, int[]> e : related.entrySet()) {
            for (int neighbour : queries.nearest(e.getKey(), 10)) {
                if (neighbour == e.getValue()[0] || neighbour == e.getValue()[1]) {
                    hits++;
                    break;
                }
            }
        }
        return hits / (double) related.size();
    }

    private static double analogyAccuracy(VectorQueries queries, List<int[]> questions) {
        int correct = 0;
        for (int[] q : questions) {
            if (queries.analogy(q[0], q[1], q[2]) == q[3]) {
                correct++;
            }
        }
        return correct / (double) questions.size();
    }

    /** Questions per section as id quadruples; every planted word must be in the vocabulary. */
    private static Map<String, List<int[]>> parseAnalogies(String text, Vocabulary vocabulary) {
        Map<String, List<int[]>> sections = new LinkedHashMap<>();
        List<int[]> current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith(": ")) {
                current = new ArrayList<>();
                sections.put(line.substring(2), current);
            } else {
                String[] words = line.split(" ");
                int[] ids = new int[4];
                for (int i = 0; i < 4; i++) {
                    ids[i] = vocabulary.id(words[i]);
                    assertTrue(ids[i] >= 0, "planted word not in vocabulary: " + words[i]);
                }
                current.add(ids);
            }
        }
        return sections;
    }
}
