package dev.embeddings.glove;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.corpus.SyntheticCorpus;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** End to end on a generated corpus: counting and training recover the relations planted in it. */
class GlovePlantedRelationsTest {

    private static final int TOP = 3;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void trainedVectorsRecoverPlantedCountryRelations() throws IOException {
        // 150 filler words rather than standard's 2,000: a ~350-word vocabulary keeps this at seconds instead of
        // most of a minute, and leaves the planted words more of the text (with standard(17) 13 of 30 capitals
        // made the top 3).
        SyntheticCorpus corpus = new SyntheticCorpus(17, 30, 12, 150);
        Path text = dir.resolve("corpus.txt");
        try (OutputStream out = Files.newOutputStream(text)) {
            corpus.writeCorpus(out, 40_000);
        }
        List<String[]> sentences = new ArrayList<>();
        Map<String, Long> wordCounts = new HashMap<>();
        for (String line : Files.readAllLines(text, StandardCharsets.UTF_8)) {
            String[] words = line.split(" ");
            sentences.add(words);
            for (String w : words) {
                wordCounts.merge(w, 1L, Long::sum);
            }
        }
        Vocabulary vocab = Vocabulary.fromCounts(wordCounts, 1, 0);
        long tokens = vocab.totalCount();
        assertTrue(tokens > 200_000, "corpus too small: " + tokens + " tokens");

        // A small corpus: GloVe's x-max of 100 suits billions of tokens; here few pairs reach it, so 10.
        GloveConfig config = new GloveConfig(50, 10, true, 10, 0.75, 25, 0.05, 100, 1, 3,
                OutputVectors.WORD_PLUS_CONTEXT, 64);
        List<CooccurrenceBlock> blocks = new ArrayList<>();
        CooccurrenceCounter counter = CooccurrenceCounter.fromConfig(config, blocks::add);
        for (String[] words : sentences) {
            int[] ids = new int[words.length];
            for (int p = 0; p < words.length; p++) {
                ids[p] = vocab.id(words[p]);
            }
            counter.addSentence(ids);
        }
        counter.flush();
        GloveModel model = GloveModel.initialize(vocab.size(), config.dim(), config.seed());
        GloveTrainer trainer = new GloveTrainer(config, model, CooccurrenceBlock.sum(blocks), stats -> { });
        trainer.train();
        Vectors vectors = new Vectors(vocab, trainer.vectors().toArray(), config.dim());

        List<String> countries = corpus.countries();
        List<String> capitals = corpus.capitals();
        Map<String, String> languageOf = new HashMap<>();
        for (String[] q : analogySection(corpus, "country-language")) {
            languageOf.put(q[0], q[1]);
        }
        List<String> languages = countries.stream().map(languageOf::get).toList();
        // Every country is nearest to the other countries (they share all template contexts), so the planted
        // link shows in which capital (language) is nearest: by chance the own one is among the 3 nearest of
        // 30 for 10% of the countries.
        double chance = (double) TOP / countries.size();
        int capitalNear = 0;
        int languageNear = 0;
        for (int c = 0; c < countries.size(); c++) {
            if (vectors.nearest(countries.get(c), capitals, TOP).contains(capitals.get(c))) {
                capitalNear++;
            }
            if (vectors.nearest(countries.get(c), languages, TOP).contains(languages.get(c))) {
                languageNear++;
            }
        }
        assertTrue(capitalNear >= 5 * chance * countries.size(), capitalNear + " of " + countries.size()
                + " countries have their capital among the " + TOP + " nearest capitals; chance " + chance);
        assertTrue(languageNear >= 5 * chance * countries.size(), languageNear + " of " + countries.size()
                + " countries have their language among the " + TOP + " nearest languages; chance " + chance);

        List<String[]> questions = analogySection(corpus, "capital-country");
        int correct = 0;
        for (String[] q : questions) {
            if (q[3].equals(vectors.analogy(q[0], q[1], q[2]))) {
                correct++;
            }
        }
        double accuracy = (double) correct / questions.size();
        assertTrue(accuracy > 0.1, "capital-country analogy accuracy " + accuracy + " over " + questions.size()
                + " questions; chance is " + 1.0 / vocab.size());
    }

    /** The questions of one {@code : section} of the corpus's analogy file, as 4-word arrays. */
    private static List<String[]> analogySection(SyntheticCorpus corpus, String section) throws IOException {
        StringWriter w = new StringWriter();
        corpus.writeAnalogies(w);
        List<String[]> questions = new ArrayList<>();
        boolean inSection = false;
        for (String line : w.toString().split("\n")) {
            if (line.startsWith(": ")) {
                inSection = line.equals(": " + section);
            } else if (inSection) {
                questions.add(line.split(" "));
            }
        }
        assertTrue(questions.size() > 0, "no questions in section " + section);
        return questions;
    }

    /** Unit-normalised vectors with cosine neighbours and 3CosAdd analogies. */
    private static final class Vectors {
        private final Vocabulary vocab;
        private final float[] unit;
        private final int dim;

        Vectors(Vocabulary vocab, float[] vectors, int dim) {
            this.vocab = vocab;
            this.dim = dim;
            this.unit = vectors.clone();
            for (int r = 0; r < vocab.size(); r++) {
                double norm = 0;
                for (int k = 0; k < dim; k++) {
                    norm += unit[r * dim + k] * unit[r * dim + k];
                }
                float scale = (float) (1 / Math.sqrt(Math.max(norm, 1e-30)));
                for (int k = 0; k < dim; k++) {
                    unit[r * dim + k] *= scale;
                }
            }
        }

        /** The {@code n} candidates nearest to {@code word} by cosine. */
        List<String> nearest(String word, List<String> candidates, int n) {
            int id = vocab.id(word);
            return candidates.stream()
                    .sorted(Comparator.comparingDouble((String c) -> -dot(id, vocab.id(c))))
                    .limit(n)
                    .toList();
        }

        private double dot(int a, int b) {
            double dot = 0;
            for (int k = 0; k < dim; k++) {
                dot += unit[a * dim + k] * unit[b * dim + k];
            }
            return dot;
        }

        /** The word d maximising cos(d, b - a + c), excluding a, b and c. */
        String analogy(String a, String b, String c) {
            int ia = vocab.id(a);
            int ib = vocab.id(b);
            int ic = vocab.id(c);
            float[] target = new float[dim];
            for (int k = 0; k < dim; k++) {
                target[k] = unit[ib * dim + k] - unit[ia * dim + k] + unit[ic * dim + k];
            }
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < vocab.size(); r++) {
                double score = 0;
                for (int k = 0; k < dim; k++) {
                    score += target[k] * unit[r * dim + k];
                }
                if (r != ia && r != ib && r != ic && score > bestScore) {
                    best = r;
                    bestScore = score;
                }
            }
            return vocab.word(best);
        }
    }
}
