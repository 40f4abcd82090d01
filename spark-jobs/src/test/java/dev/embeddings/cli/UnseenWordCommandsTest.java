package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.testing.SentimentFiles;
import dev.embeddings.vectors.Neighbour;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code evaluate --oov compose}, {@code nearest}, {@code analogy} and {@code finetune} for words never seen, on a
 * subword model that {@code word2vec --maxn} trained on the planted sample: the commands answer as
 * {@link WordVectors} with the output's model.bin does, a misspelling of a planted word finds it, evaluation and
 * fine-tuning report the composed items apart, and each bad input fails in one line naming --vectors or --oov.
 */
@Timeout(600)
class UnseenWordCommandsTest {

    /** Misspellings of planted words (a capital, its country, a role word); none is in the vocabulary. */
    private static final List<String> MISSPELT = List.of("todomuu", "besollo", "botamann");
    private static final List<String> PLANTED = List.of("todomu", "besolo", "botaman");

    @TempDir
    static Path dir;
    private static Path output;
    private static WordVectors expected;

    @BeforeAll
    static void trainOnce() throws IOException {
        Path sample = dir.resolve("sample");
        assertEquals(0, SmallVectors.run("sample", "--output", sample.toString(), "--sentences", "20000").status());
        assertEquals(0, SmallVectors.run("corpus", "--input", sample.resolve("planted.txt.gz").toString(),
                "--output", dir.resolve("corpus").toString(), "--shards", "2", "--master", "local[2]").status());
        output = dir.resolve("subwords");
        SmallVectors.Run run = SmallVectors.run("word2vec", "--corpus", dir.resolve("corpus").toString(), "--output",
                output.toString(), "--dim", "24", "--epochs", "5", "--lr", "0.05", "--seed", "3", "--threads", "2",
                "--maxn", "6", "--buckets", "100000", "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        expected = WordVectors.load(output.resolve(VectorsManifest.BINARY))
                .withSubwords(FastTextBinary.readVectors(output.resolve(VectorsManifest.FASTTEXT_MODEL)));
        for (String word : MISSPELT) {
            assertTrue(!expected.contains(word) && expected.hasVector(word), word);
        }
    }

    @Test
    void nearestAnswersAMisspellingWithTheComposedVectorsNeighboursAmongThemThePlantedWord() {
        SmallVectors.Run r = SmallVectors.run(new String[] {"nearest", "--vectors", output.toString(), "--k", "5",
                MISSPELT.get(0), MISSPELT.get(1), "todomu"});
        assertEquals(0, r.status(), r.err());
        String[] blocks = r.out().split("\\R\\R");
        assertEquals(3, blocks.length, r.out());
        for (int i = 0; i < 2; i++) {
            List<String> words = rankedWords(blocks[i]);
            assertEquals(expected.nearest(MISSPELT.get(i), 5).stream().map(Neighbour::word).toList(), words);
            assertEquals(PLANTED.get(i), words.get(0), "the planted word comes first: " + r.out());
        }
        // The planted word's own nearest neighbour is among the misspelling's.
        assertTrue(rankedWords(blocks[0]).contains(rankedWords(blocks[2]).get(0)), r.out());
    }

    @Test
    void analogyComposesAnUnseenWord() {
        SmallVectors.Run r = SmallVectors.run("analogy", "--vectors", output.toString(), "botaman", "botawoman",
                "botamann", "--k", "3");
        assertEquals(0, r.status(), r.err());
        assertEquals(expected.analogy("botaman", "botawoman", "botamann", 3).stream().map(Neighbour::word).toList(),
                rankedWords(r.out()));
    }

    @Test
    void evaluateComposesOovWordsAndReportsThemApart() throws Exception {
        Path analogies = dir.resolve("analogies.txt");
        List<String> questions = new ArrayList<>(Files.readAllLines(dir.resolve("sample")
                .resolve("planted-analogies.txt")).subList(0, 21));
        // Two questions with a misspelt c (one word), one with a misspelt a and b, one whose answer is misspelt.
        questions.addAll(List.of("todomu besolo todomuu besolo", "sopite bapora todomuu besolo",
                "todomuu besollo sopite bapora", "todomu besolo sopite baporra"));
        Files.write(analogies, questions);
        Path pairs = Files.writeString(dir.resolve("pairs.tsv"),
                "todomu\tbesolo\t9\ntodomu\tbotaman\t1\nbesolo\tsopite\t2\ntodomuu\tbesolo\t9\nbotamann\tbesolo\t1\n");

        SmallVectors.Run skip = SmallVectors.run("evaluate", "--vectors", output.toString(), "--analogy",
                analogies.toString(), "--similarity", pairs.toString(), "--json", "--threads", "1");
        SmallVectors.Run compose = SmallVectors.run("evaluate", "--vectors", output.toString(), "--analogy",
                analogies.toString(), "--similarity", pairs.toString(), "--json", "--threads", "1", "--oov",
                "compose");
        assertEquals(0, skip.status(), skip.err());
        assertEquals(0, compose.status(), compose.err());
        JsonNode skipped = new ObjectMapper().readTree(skip.out()).get("analogy").get("analogies.txt");
        JsonNode composedRun = new ObjectMapper().readTree(compose.out());
        JsonNode analogy = composedRun.get("analogy").get("analogies.txt");
        assertNull(skipped.get("composed"));
        assertEquals(skipped.get("accuracy"), analogy.get("accuracy"), "the in-vocabulary score is unchanged");
        assertEquals(20, analogy.get("seen").asInt());
        assertEquals(24, analogy.get("total").asInt());
        JsonNode composed = analogy.get("composed");
        assertEquals(23, composed.get("seen").asInt());
        assertEquals(3, composed.get("questions").asInt());
        assertEquals(2, composed.get("words").asInt());
        assertTrue(composed.get("coverage").asDouble() > analogy.get("coverage").asDouble(), analogy.toString());

        JsonNode similarity = composedRun.get("similarity").get("pairs.tsv");
        assertEquals(3, similarity.get("pairs").asInt());
        assertEquals(2, similarity.get("missing").asInt());
        assertEquals(5, similarity.get("composed").get("pairs").asInt());
        assertEquals(0, similarity.get("composed").get("missing").asInt());
        assertEquals(2, similarity.get("composed").get("words").asInt());
    }

    @Test
    void aFastTextBinGivenDirectlyAnswersForUnseenWords() {
        String model = output.resolve(VectorsManifest.FASTTEXT_MODEL).toString();
        SmallVectors.Run r = SmallVectors.run("nearest", "--vectors", model, "--k", "5", MISSPELT.get(2));
        assertEquals(0, r.status(), r.err());
        assertEquals(expected.nearest(MISSPELT.get(2), 5).stream().map(Neighbour::word).toList(),
                rankedWords(r.out()));
    }

    @Test
    void withoutASubwordModelAnUnseenWordIsTheUsualErrorAndComposeIsRefused() throws IOException {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.copy(output.resolve(VectorsManifest.BINARY), plain.resolve(VectorsManifest.BINARY));
        SmallVectors.Run nearest = SmallVectors.run("nearest", "--vectors", plain.toString(), "todomuu");
        assertEquals(1, nearest.status());
        assertEquals(List.of("nearest: error: word not in the vocabulary of " + plain + ": 'todomuu'"),
                errorLines(nearest));

        SmallVectors.Run evaluate = SmallVectors.run("evaluate", "--vectors", plain.toString(), "--similarity",
                dir.resolve("sample").resolve("planted-similarity.tsv").toString(), "--oov", "compose");
        assertEquals(2, evaluate.status());
        assertEquals(List.of("evaluate: error: --oov compose needs a subword model: --vectors " + plain + " is "
                + "neither a fastText .bin nor a training output directory with model.bin (word2vec --maxn above 0 "
                + "writes it)"), errorLines(evaluate));

        SmallVectors.Run typo = SmallVectors.run("evaluate", "--vectors", output.toString(), "--similarity",
                dir.resolve("sample").resolve("planted-similarity.tsv").toString(), "--oov", "guess");
        assertEquals(2, typo.status());
        assertEquals(List.of("evaluate: error: Invalid value for option '--oov': expected one of [skip, compose] "
                + "but was 'guess'"), errorLines(typo));
    }

    @Test
    void aBinOfAnotherVersionAndAModelOfAnotherDimensionFailInOneLine() throws IOException {
        Path newer = Files.createDirectories(dir.resolve("newer"));
        Files.copy(output.resolve(VectorsManifest.BINARY), newer.resolve(VectorsManifest.BINARY));
        byte[] model = Files.readAllBytes(output.resolve(VectorsManifest.FASTTEXT_MODEL));
        ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 13);
        Path newerModel = Files.write(newer.resolve(VectorsManifest.FASTTEXT_MODEL), model);
        SmallVectors.Run r = SmallVectors.run("nearest", "--vectors", newer.toString(), "todomuu");
        assertEquals(1, r.status());
        assertEquals(List.of("nearest: error: --vectors " + newer + ": file:" + newerModel + ": byte 4: fastText "
                + "file format version 13; versions 11 to 12 are read (fastText 0.9 writes 12)"), errorLines(r));

        Path narrow = SmallVectors.outputDirectory(dir.resolve("narrow"));
        Path narrowModel = Files.copy(output.resolve(VectorsManifest.FASTTEXT_MODEL),
                narrow.resolve(VectorsManifest.FASTTEXT_MODEL));
        r = SmallVectors.run("evaluate", "--vectors", narrow.toString(), "--similarity",
                dir.resolve("sample").resolve("planted-similarity.tsv").toString(), "--oov", "compose");
        assertEquals(1, r.status());
        assertEquals(List.of("evaluate: error: --vectors " + narrow + ": its subword model file:" + narrowModel
                + " has dimension 24 but its vectors file:" + narrow.resolve(VectorsManifest.BINARY)
                + " have 4: they are not one model's"), errorLines(r));

        Path train = SentimentFiles.write(dir.resolve("narrow-train.tsv"), 20, 1);
        Path tuned = dir.resolve("narrow-tuned");
        r = SmallVectors.run("finetune", "--task", "classification", "--model", "average", "--vectors",
                narrow.toString(), "--train", train.toString(), "--dev", train.toString(), "--output",
                tuned.toString());
        assertEquals(1, r.status());
        assertEquals(List.of("finetune: error: --vectors " + narrow + ": the subword model has dimension 24, the "
                + "vectors 4"), errorLines(r));
        assertFalse(Files.exists(tuned), "no output");
    }

    @Test
    void finetuneComposesTaskWordsOutsideTheVectorsAndCountsThem() throws Exception {
        Nd4j.getEnvironment().setMaxThreads(1);
        Path train = SentimentFiles.write(dir.resolve("train.tsv"), 200, 1);
        Path dev = SentimentFiles.write(dir.resolve("dev.tsv"), 60, 2);
        Path tuned = dir.resolve("tuned");
        SmallVectors.Run r = SmallVectors.run("finetune", "--task", "classification", "--model", "average",
                "--vectors", output.toString(), "--train", train.toString(), "--dev", dev.toString(), "--epochs",
                "1", "--batch", "16", "--output", tuned.toString());
        assertEquals(0, r.status(), r.err());

        Map<String, Long> counts = new HashMap<>();
        for (String line : Files.readAllLines(train)) {
            for (String word : line.substring(line.indexOf('\t') + 1).split(" ")) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        long typesComposed = counts.keySet().stream().filter(expected::composes).count();
        long tokensComposed = counts.entrySet().stream().filter(e -> expected.composes(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        assertTrue(typesComposed > 0, "the task's words are not planted words");
        JsonNode coverage = new ObjectMapper().readTree(tuned.resolve("report.json").toFile()).get("coverage");
        assertEquals(counts.size(), coverage.get("types").asLong());
        assertEquals(typesComposed, coverage.get("types_composed").asLong());
        assertEquals(tokensComposed, coverage.get("tokens_composed").asLong());
        assertEquals(counts.size() - typesComposed, coverage.get("types_found").asLong());
        assertTrue(Files.readString(tuned.resolve("report.html")).contains("training tokens composed from subwords ("
                + typesComposed + " distinct words)"));
    }

    @Test
    void modelsThatStartFromTheVectorsKeepTheirSubwordModelAndPredictWithIt() throws Exception {
        Nd4j.getEnvironment().setMaxThreads(1);
        Path train = SentimentFiles.write(dir.resolve("compare-train.tsv"), 100, 3);
        Path tuned = dir.resolve("compared");
        SmallVectors.Run r = SmallVectors.run("finetune", "--task", "classification", "--model", "average",
                "--vectors", output.toString(), "--train", train.toString(), "--dev", train.toString(), "--epochs",
                "1", "--batch", "16", "--compare", "--output", tuned.toString());
        assertEquals(0, r.status(), r.err());
        byte[] model = Files.readAllBytes(output.resolve(VectorsManifest.FASTTEXT_MODEL));
        for (String mode : List.of("static", "fine-tune")) {
            assertArrayEquals(model, Files.readAllBytes(tuned.resolve(mode).resolve("subwords.bin")), mode);
        }
        assertFalse(Files.exists(tuned.resolve("random").resolve("subwords.bin")), "random vectors compose nothing");

        List<String> texts = List.of(String.join(" ", MISSPELT), "poscue1 " + MISSPELT.get(0));
        Path input = Files.write(dir.resolve("misspelt.txt"), texts);
        r = SmallVectors.run("predict", "--model", tuned.resolve("fine-tune").toString(), "--input",
                input.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(texts.size(), lines.size(), r.out());
        for (int i = 0; i < texts.size(); i++) {
            assertTrue(lines.get(i).matches("(pos|neg)\\t" + texts.get(i)), lines.get(i));
        }
    }

    /** The words of the result lines (rank, word, similarity) after the heading. */
    private static List<String> rankedWords(String out) {
        return Arrays.stream(out.split("\\R")).skip(1).map(line -> line.trim().split("\\s+")[1]).toList();
    }

    private static List<String> errorLines(SmallVectors.Run run) {
        return run.err().lines().filter(l -> l.contains("error:")).toList();
    }
}
