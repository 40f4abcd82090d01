package dev.embeddings.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embeddings.testing.DebianGensim;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Files from our writers load in gensim ({@code KeyedVectors.load_word2vec_format}), the reference consumer of
 * word2vec files, with the same words in the same order and the same values. Runs Debian's gensim
 * ({@code apt-get install -y python3-gensim}); skipped where it is not installed.
 */
@Timeout(300)
class GensimRoundTripTest {

    /** Loads argv[1] (binary if argv[2] says so) and prints {"words": [...], "vectors": [[...]...]} as ASCII JSON. */
    private static final String LOAD = String.join("\n",
            "import json, sys",
            "from gensim.models import KeyedVectors",
            "kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=sys.argv[2] == 'binary')",
            "json.dump({'words': list(kv.index_to_key), 'vectors': kv.vectors.tolist()}, sys.stdout)");
    private static final int WORDS = 400;
    private static final int DIM = 24;

    @TempDir
    Path dir;

    /** Per test, so reports list each test as skipped, with the reason. */
    @BeforeEach
    void requireGensim() {
        DebianGensim.assumeInstalled();
    }

    /** Words a real vocabulary has: non-ASCII, CJK, beyond the BMP, punctuation, number-like. */
    private static String[] words() {
        String[] special = {"the", "Zürich", "naïve", "東京", "😀", "don't", "<s>", "a_b", "-", "0.5", "e", "1e5"};
        String[] words = new String[WORDS];
        for (int i = 0; i < WORDS; i++) {
            words[i] = i < special.length ? special[i] : "w" + i;
        }
        return words;
    }

    /** Values of every sign and magnitude float32 holds, including the extremes. */
    private static float[][] vectors() {
        Random random = new Random(5);
        float[][] v = new float[WORDS][DIM];
        for (float[] row : v) {
            for (int j = 0; j < DIM; j++) {
                row[j] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(14) - 7));
            }
        }
        v[0][0] = -0.0f;
        v[1][1] = Float.MAX_VALUE;
        v[2][2] = -Float.MAX_VALUE;
        v[3][3] = Float.MIN_VALUE;
        v[4][4] = Float.MIN_NORMAL;
        return v;
    }

    private static JsonNode loadWithGensim(Path file, VectorFormat format) throws Exception {
        File errors = Files.createTempFile(file.getParent(), "gensim", ".err").toFile();
        Process python = new ProcessBuilder(DebianGensim.PYTHON, "-c", LOAD, file.toString(),
                format == VectorFormat.WORD2VEC_BINARY ? "binary" : "text")
                .redirectError(errors).start();
        byte[] out = python.getInputStream().readAllBytes();
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "gensim did not finish");
        assertEquals(0, python.exitValue(), () -> "gensim failed to load " + file + ": " + read(errors));
        return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    }

    private static String read(File file) {
        try {
            return Files.readString(file.toPath());
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @ParameterizedTest
    @EnumSource(value = VectorFormat.class, names = {"WORD2VEC_BINARY", "WORD2VEC_TEXT"})
    void gensimLoadsTheSameWordsAndVectors(VectorFormat format) throws Exception {
        String[] words = words();
        float[][] vectors = vectors();
        Path file = dir.resolve("vectors." + format.cliName());
        try (VectorWriter writer = VectorFiles.openWriter(file, format, WORDS, DIM)) {
            for (int i = 0; i < WORDS; i++) {
                writer.write(words[i], vectors[i]);
            }
        }

        JsonNode loaded = loadWithGensim(file, format);
        List<String> gensimWords = new ArrayList<>();
        loaded.get("words").forEach(w -> gensimWords.add(w.asText()));
        assertEquals(List.of(words), gensimWords, "same words, same order");
        JsonNode gensimVectors = loaded.get("vectors");
        assertEquals(WORDS, gensimVectors.size());
        for (int i = 0; i < WORDS; i++) {
            assertEquals(DIM, gensimVectors.get(i).size());
            for (int j = 0; j < DIM; j++) {
                // gensim holds float32; its float32 widened to double is exact, so narrowing back is too.
                float theirs = (float) gensimVectors.get(i).get(j).asDouble();
                float ours = vectors[i][j];
                // Binary bytes are copied exactly; text goes through decimal strings, allowed to land one ulp off.
                float tolerance = format == VectorFormat.WORD2VEC_BINARY ? 0 : Math.ulp(ours);
                String where = "value " + (j + 1) + " of '" + words[i] + "'";
                assertEquals(ours, theirs, tolerance, where);
            }
        }
    }
}
