package dev.embeddings.subword;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.vectors.Neighbour;
import dev.embeddings.vectors.WordVectors;
import dev.embeddings.word2vec.WordFamilies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against fastText itself ({@code fasttext}, skipped where it is not installed): its n-grams and their rows, its
 * vectors for models we wrote, and ours for a model it trained.
 */
@Timeout(300)
class FastTextAgreementTest {

    /** Unknown words: Latin with and without diacritics, CJK, emoji (one and two code points), one letter, long. */
    private static final List<String> UNKNOWN = List.of("wherever", "é", "ß", "Zürich", "naïveté", "日本", "東京都",
            "🙂", "👍🏽", "x", "a-b", "antidisestablishmentarianism");

    @TempDir
    Path dir;

    @BeforeEach
    void requireFastText() {
        FastTextCommand.assumeInstalled();
    }

    /**
     * {@code fasttext nn} on a model we trained and wrote: the neighbours of unseen words (a form, misspellings),
     * composed from their n-grams, and of a known word are those {@link WordVectors#nearest} finds in the .bin.
     */
    @Test
    void fastTextFindsTheNeighboursWeFindForUnseenWords() throws Exception {
        Path file = dir.resolve("families.bin");
        FastTextBinary.write(file, WordFamilies.fastText(3_000));
        WordVectors ours = WordVectors.load(file);
        List<String> queries = List.of("walker", "walkin", "drumer", "bloom");
        List<List<String>> printed = FastTextCommand.nearestNeighbours(file, 5, queries);
        for (int q = 0; q < queries.size(); q++) {
            List<Neighbour> expected = ours.nearest(queries.get(q), 5);
            List<String> lines = printed.get(q);
            assertEquals(expected.stream().map(Neighbour::word).toList(),
                    lines.stream().map(FastTextCommand::token).toList(), queries.get(q));
            for (int i = 0; i < lines.size(); i++) {
                // fastText prints 6 significant digits.
                assertEquals(expected.get(i).similarity(), FastTextCommand.values(lines.get(i))[0], 2e-6,
                        queries.get(q) + ": " + lines.get(i));
            }
        }
    }

    /**
     * {@code fasttext analogies} (A - B + C) on a model we wrote answers as {@link WordVectors#analogy} (B - A + C
     * with our argument order) for questions with unseen words, composed on both sides.
     */
    @Test
    void fastTextAnswersTheAnalogiesWeAnswerForUnseenWords() throws Exception {
        Path file = dir.resolve("families.bin");
        FastTextBinary.write(file, WordFamilies.fastText(3_000));
        WordVectors ours = WordVectors.load(file);
        List<List<String>> questions = List.of(List.of("walk", "walked", "bloomer"),
                List.of("walkng", "walks", "drum"), List.of("fixer", "fixs", "drumer"));
        List<List<String>> printed = FastTextCommand.analogies(file, 4, questions.stream()
                .map(q -> q.get(1) + " " + q.get(0) + " " + q.get(2)).toList());
        for (int q = 0; q < questions.size(); q++) {
            List<String> abc = questions.get(q);
            List<Neighbour> expected = ours.analogy(abc.get(0), abc.get(1), abc.get(2), 4);
            List<String> lines = printed.get(q);
            assertEquals(expected.stream().map(Neighbour::word).toList(),
                    lines.stream().map(FastTextCommand::token).toList(), abc.toString());
            for (int i = 0; i < lines.size(); i++) {
                // fastText prints 6 significant digits and adds 1e-8 to each norm it divides by.
                assertEquals(expected.get(i).similarity(), FastTextCommand.values(lines.get(i))[0], 2e-5,
                        abc + ": " + lines.get(i));
            }
        }
    }

    @Test
    void ngramsAndTheirRowsAreFastTexts() throws Exception {
        checkNgramRows(3, 6, 1000);
        checkNgramRows(1, 20, 100_003);
    }

    @Test
    void fastTextLoadsOurModelsAndComposesOurVectors() throws Exception {
        for (FastTextModel model : List.of(SubwordModels.random(10, 3, 6, 1000, 21),
                SubwordModels.random(6, 1, 4, 97, 22), SubwordModels.random(4, 3, 0, 0, 23))) {
            Path file = dir.resolve("ours.bin");
            FastTextBinary.write(file, model);
            assertComposesAsFastText(file, model.vectors(), words());
        }
    }

    @Test
    void weReadAModelFastTextTrainedAndComposeItsVectors() throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, corpus(), StandardCharsets.UTF_8);
        // Eleven threads: fastText 0.9 initialises one tenth of the input matrix per training thread, so with fewer
        // than ten most n-gram rows would stay zero and could not tell one row from another.
        Path trained = FastTextCommand.skipgram(corpus, dir.resolve("trained"), "-minn", "3", "-maxn", "6",
                "-bucket", "1000", "-minCount", "1", "-dim", "5", "-epoch", "1", "-thread", "11");

        FastTextModel model = FastTextBinary.read(trained);
        assertEquals(new FastTextArgs(5, 5, 1, 1, 5, 1, FastTextArgs.Loss.NS, FastTextArgs.Model.SKIPGRAM, 1000, 3,
                6, 100, 1e-4), model.args());
        assertEquals(40, model.dictionary().count(model.dictionary().id("</s>")), "fastText counts one per line");

        List<String> words = new ArrayList<>(List.of("</s>", "the", "café", "straße", "日本語", "😀"));
        words.addAll(UNKNOWN);
        Map<String, List<String>> printed = FastTextCommand.printNgrams(trained, words);
        for (String word : words) {
            List<String> lines = printed.get(word);
            List<Integer> rows = expectedRows(model, word);
            assertEquals(expectedTokens(model, word), lines.stream().map(FastTextCommand::token).toList(), word);
            for (int i = 0; i < rows.size(); i++) {
                FastTextCommand.assertPrintedAs(FastTextCommand.values(lines.get(i)), model.input().row(rows.get(i)),
                        word + ": " + lines.get(i));
            }
        }
        assertComposesAsFastText(trained, FastTextBinary.readVectors(trained), words);

        Path rewritten = dir.resolve("rewritten.bin");
        FastTextBinary.write(rewritten, model);
        assertArrayEquals(Files.readAllBytes(trained), Files.readAllBytes(rewritten),
                "our writer gives back fastText's file byte for byte");
    }

    /**
     * Writes a model whose row {@code r} is {@code (r / 1000, r % 1000)}, which fastText prints exactly, so its
     * print-ngrams names the row of every n-gram.
     */
    private void checkNgramRows(int minn, int maxn, int bucket) throws Exception {
        String[] known = SubwordModels.WORDS;
        FloatMatrix input = FloatMatrix.zeros(known.length + bucket, 2);
        for (int r = 0; r < input.rows(); r++) {
            input.set(r, 0, r / 1000);
            input.set(r, 1, r % 1000);
        }
        FastTextModel model = new FastTextModel(FastTextArgs.skipgram(2, minn, maxn, bucket),
                SubwordModels.dictionary(known), input,
                FloatMatrix.zeros(known.length, 2));
        Path file = dir.resolve("rows.bin");
        FastTextBinary.write(file, model);

        List<String> words = words();
        Map<String, List<String>> printed = FastTextCommand.printNgrams(file, words);
        for (String word : words) {
            List<String> lines = printed.get(word);
            String what = word + " with minn " + minn + ", maxn " + maxn + ", bucket " + bucket;
            assertEquals(expectedTokens(model, word), lines.stream().map(FastTextCommand::token).toList(), what);
            List<Integer> theirs = lines.stream().map(FastTextCommand::values)
                    .map(v -> Math.round(v[0]) * 1000 + Math.round(v[1])).toList();
            assertEquals(expectedRows(model, word), theirs, what);
        }
    }

    private static void assertComposesAsFastText(Path file, SubwordVectors vectors, List<String> words)
            throws Exception {
        List<String> printed = FastTextCommand.printWordVectors(file, words);
        float[] ours = new float[vectors.dimension()];
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            assertEquals(word, FastTextCommand.token(printed.get(i)));
            vectors.vector(word, ours);
            FastTextCommand.assertPrintedAs(FastTextCommand.values(printed.get(i)), ours, file + ": " + word);
        }
    }

    /** What print-ngrams prints first on each line: the word if it is known, then its n-grams (none for EOS). */
    private static List<String> expectedTokens(FastTextModel model, String word) {
        List<String> tokens = new ArrayList<>();
        if (model.dictionary().id(word) >= 0) {
            tokens.add(word);
        }
        if (!word.equals(FastTextDictionary.END_OF_SENTENCE)) {
            tokens.addAll(model.args().charNgrams().ngrams(word));
        }
        return tokens;
    }

    /** The rows of {@link #expectedTokens}, from {@link CharNgrams#rows}. */
    private static List<Integer> expectedRows(FastTextModel model, String word) {
        List<Integer> rows = new ArrayList<>();
        int id = model.dictionary().id(word);
        if (id >= 0) {
            rows.add(id);
        }
        if (!word.equals(FastTextDictionary.END_OF_SENTENCE)) {
            CharNgrams ngrams = model.args().charNgrams();
            int[] buffer = new int[ngrams.count(word)];
            ngrams.rows(word, model.dictionary().size(), buffer, 0);
            for (int row : buffer) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Every known word, then {@link #UNKNOWN}. */
    private static List<String> words() {
        List<String> words = new ArrayList<>(List.of(SubwordModels.WORDS));
        words.addAll(UNKNOWN);
        return words;
    }

    /** A few hundred tokens on many lines, the known words among them. */
    private static String corpus() {
        String[] sentences = {
            "the café in zürich serves the best coffee of the city",
            "where is the straße that leads to the old town",
            "日本語 is spoken in 東京 and the rest of japan",
            "she smiled 😀 and said the weather was fine",
            "a naïve question about the café and the straße",
        };
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append(sentences[i % sentences.length]).append('\n');
        }
        return text.toString();
    }
}
