package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticCorpusTest {

    private static byte[] corpus(long seed, int sentences) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticCorpus.standard(seed).writeCorpus(out, sentences);
        return out.toByteArray();
    }

    @Test
    void sameSeedGivesTheSameCorpusAndOtherSeedsDiffer() throws IOException {
        assertArrayEquals(corpus(3, 2000), corpus(3, 2000));
        assertFalse(java.util.Arrays.equals(corpus(3, 2000), corpus(4, 2000)));
    }

    @Test
    void statesEachCountrysCapitalInTheText() throws IOException {
        SyntheticCorpus c = SyntheticCorpus.standard(5);
        String text = new String(corpus(5, 20_000), StandardCharsets.UTF_8);
        for (int i = 0; i < c.countries().size(); i++) {
            assertTrue(text.contains("the capital of " + c.countries().get(i) + " is " + c.capitals().get(i)),
                    "capital of country " + i + " is stated");
        }
        assertEquals(20_000, text.lines().count());
    }

    @Test
    void analogyFileHasSectionsOfFourDistinctWords() throws IOException {
        SyntheticCorpus c = SyntheticCorpus.standard(5);
        StringWriter w = new StringWriter();
        c.writeAnalogies(w);
        long sections = w.toString().lines().filter(l -> l.startsWith(": ")).count();
        assertEquals(3, sections);
        w.toString().lines().filter(l -> !l.startsWith(":")).forEach(l -> {
            String[] q = l.split(" ");
            assertEquals(4, q.length, l);
            assertEquals(4, Set.of(q).size(), "four distinct words: " + l);
        });
        int n = c.countries().size();
        int rolePairs = 12;
        assertEquals(2L * n * (n - 1) + (long) rolePairs * (rolePairs - 1),
                w.toString().lines().filter(l -> !l.startsWith(":")).count(),
                "every ordered pair of distinct entities, in each section");
    }
}
