package dev.embeddings.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.formats.VectorFormat;
import dev.embeddings.subword.FastTextBinary;
import dev.embeddings.subword.FastTextFormatException;
import dev.embeddings.subword.FastTextModel;
import dev.embeddings.subword.SubwordVectors;
import dev.embeddings.word2vec.WordFamilies;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WordVectors} with a subword model, on a model trained on {@link WordFamilies}: unseen forms and misspellings
 * get composed vectors that find their family, words of the vocabulary answer as before, and without a model an
 * unseen word stays an error.
 */
class SubwordQueriesTest {

    @TempDir
    static Path dir;
    private static FastTextModel model;
    /** The vocabulary's vectors as word2vec writes them (vectors.bin), without the model. */
    private static WordVectors plain;

    @BeforeAll
    static void train() throws Exception {
        model = WordFamilies.fastText(3_000);
        FastTextBinary.write(dir.resolve("model.bin"), model);
        WordVectors.of(model.vectors()).writeTo(dir.resolve("vectors.bin"), VectorFormat.WORD2VEC_BINARY);
        plain = WordVectors.load(dir.resolve("vectors.bin"));
    }

    @Test
    void aFastTextBinLoadsAsItsWordsComposedVectorsWithItsSubwords() throws Exception {
        WordVectors loaded = WordVectors.load(dir.resolve("model.bin"));
        assertTrue(loaded.subwords().isPresent());
        assertFalse(plain.subwords().isPresent());
        assertEquals(List.of(plain.words()), List.of(loaded.words()));
        SubwordVectors composer = model.vectors();
        float[] expected = new float[WordFamilies.DIM];
        for (String word : List.of("walk", "drummed", "qhq", "walker", "walkng")) {
            composer.vector(word, expected);
            assertArrayEquals(expected, loaded.vector(word), word);
        }
        assertArrayEquals(plain.vector("walking"), loaded.vector("walking"));
    }

    @Test
    void anUnseenFormAndAMisspellingFindTheirFamily() {
        WordVectors vectors = plain.withSubwords(model.vectors());
        Map<String, String> stems = Map.of("walker", "walk", "walkng", "walk", "drumer", "drum", "fixxed", "fix",
                "bloomy", "bloom");
        for (String unseen : stems.keySet()) {
            assertFalse(vectors.contains(unseen), unseen);
            assertTrue(vectors.hasVector(unseen) && vectors.composes(unseen), unseen);
            int family = WordFamilies.familyOf(stems.get(unseen));
            for (Neighbour n : vectors.nearest(unseen, 4)) {
                assertEquals(family, WordFamilies.familyOf(n.word()), unseen + " -> " + n);
            }
        }
        // The misspelling's nearest neighbours, the word aside, are the word's own.
        List<String> ofWord = vectors.nearest("walking", 2).stream().map(Neighbour::word).toList();
        List<String> ofMisspelling = vectors.nearest("walkin", 3).stream().map(Neighbour::word)
                .filter(w -> !w.equals("walking")).limit(2).toList();
        assertEquals(ofWord, ofMisspelling);
    }

    @Test
    void composedWordsAnswerAnalogiesAndSimilaritiesAndKnownWordsAnswerAsBefore() {
        WordVectors vectors = plain.withSubwords(model.vectors());
        Neighbour answer = vectors.analogy("walk", "walked", "bloomer", 1).get(0);
        assertEquals(WordFamilies.familyOf("bloom"), WordFamilies.familyOf(answer.word()), answer.toString());
        assertEquals(plain.analogy("walk", "walked", "drum", 5), vectors.analogy("walk", "walked", "drum", 5));
        assertEquals(plain.nearest("fixs", 5), vectors.nearest("fixs", 5));
        assertEquals(plain.similarity("walk", "drum"), vectors.similarity("walk", "drum"));

        float[] unit = vectors.unitVector("walker");
        float[] walks = vectors.unitVector("walks");
        assertEquals(VectorMath.dot(unit, 0, walks, 0, unit.length), vectors.similarity("walker", "walks"));
        assertEquals(vectors.similarity("walker", "walks"), vectors.nearest("walker", vectors.size()).stream()
                .filter(n -> n.word().equals("walks")).findFirst().orElseThrow().similarity(), 1e-6f);
    }

    @Test
    void withoutASubwordModelAnUnseenWordIsStillAnError() {
        assertFalse(plain.hasVector("walker"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.nearest("walker", 3));
        assertEquals("word not in vocabulary: 'walker'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plain.analogy("walk", "walked", "walker", 3));
        assertThrows(IllegalArgumentException.class, () -> plain.vector("walker"));
    }

    @Test
    void aSubwordModelOfAnotherDimensionIsRefused() {
        WordVectors narrow = WordVectors.of(new String[] {"walk", "drum"}, new float[8], 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> narrow.withSubwords(model.vectors()));
        assertEquals("the subword model has dimension 24, the vectors 4", e.getMessage());
    }

    @Test
    void aBinOfAnotherVersionOrLayoutFailsNamingTheFileAndTheProblem() throws Exception {
        byte[] bytes = Files.readAllBytes(dir.resolve("model.bin"));
        Path newer = dir.resolve("newer.bin");
        Files.write(newer, patchInt(bytes, 4, 13));
        FastTextFormatException e = assertThrows(FastTextFormatException.class, () -> WordVectors.load(newer));
        assertEquals(newer + ": byte 4: fastText file format version 13; versions 11 to 12 are read (fastText 0.9 "
                + "writes 12)", e.getMessage());

        // The args' model code (after magic, version and ten int32s): 3 is a supervised model.
        Path supervised = dir.resolve("supervised.bin");
        Files.write(supervised, patchInt(bytes, 8 + 7 * 4, 3));
        e = assertThrows(FastTextFormatException.class, () -> WordVectors.load(supervised));
        assertTrue(e.getMessage().startsWith(supervised + ": byte 8: args: a supervised model (model code 3"),
                e.getMessage());
    }

    private static byte[] patchInt(byte[] bytes, int offset, int value) {
        byte[] patched = bytes.clone();
        ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return patched;
    }
}
