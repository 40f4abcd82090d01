package dev.embeddings.subword;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each word's rows as fastText lists them, and the vectors they compose as {@link SubwordVectors} does. */
class SubwordRowsTest {

    @Test
    void aWordsRowsAreItsOwnThenItsNgramsAndTheEndOfSentenceHasNone() {
        CharNgrams ngrams = new CharNgrams(3, 4, 30);
        String[] words = {"</s>", "where", "a"};
        SubwordRows rows = SubwordRows.of(words, ngrams);

        assertEquals(3, rows.words());
        assertEquals(33, rows.inputRows());
        assertArrayEquals(new int[] {0}, slice(rows, 0));
        int[] where = new int[1 + ngrams.count("where")];
        where[0] = 1;
        ngrams.rows("where", 3, where, 1);
        assertArrayEquals(where, slice(rows, 1));
        assertEquals(1 + 1, slice(rows, 2).length, "<a> alone");
        assertEquals(rows.rows().length, SubwordRows.count(words, ngrams));
        assertEquals(4L * (4 + rows.rows().length), rows.bytes());
    }

    @Test
    void composedVectorsAreSubwordVectorsBitForBit() {
        for (FastTextModel model : new FastTextModel[] {SubwordModels.random(7, 3, 6, 50, 31),
                SubwordModels.random(5, 1, 4, 13, 32)}) {
            String[] words = new String[model.dictionary().size()];
            Arrays.setAll(words, model.dictionary()::word);
            SubwordRows rows = SubwordRows.of(words, model.args().charNgrams());
            float[] composed = new float[model.args().dim()];
            float[] expected = new float[model.args().dim()];
            for (int w = 0; w < words.length; w++) {
                rows.compose(model.input(), w, composed);
                model.vectors().vector(words[w], expected);
                assertArrayEquals(expected, composed, words[w]);
            }
        }
    }

    @Test
    void rowsPerTokenWeighsEachWordsRowsByItsCount() {
        CharNgrams ngrams = new CharNgrams(3, 4, 30);
        SubwordRows rows = SubwordRows.of(new String[] {"</s>", "where", "a"}, ngrams);
        int where = 1 + ngrams.count("where");
        assertEquals((5 * 1 + 3 * where + 2 * 2) / 10.0, rows.rowsPerToken(new long[] {5, 3, 2}), 1e-12);
        assertEquals(where, rows.rowsPerToken(new long[] {0, 7, 0}), 1e-12, "only where occurs");
        assertThrows(IllegalArgumentException.class, () -> rows.rowsPerToken(new long[] {1, 1}));
    }

    @Test
    void wordsWithoutNgramsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SubwordRows.of(new String[] {"a"}, new CharNgrams(3, 0, 0)));
    }

    private static int[] slice(SubwordRows rows, int w) {
        return Arrays.copyOfRange(rows.rows(), rows.start(w), rows.end(w));
    }
}
