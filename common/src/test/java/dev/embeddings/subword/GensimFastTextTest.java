package dev.embeddings.subword;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embeddings.testing.DebianGensim;
import dev.embeddings.word2vec.WordFamilies;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * gensim's {@code load_facebook_vectors}, the other widely used reader of fastText models, loads our .bin and gives
 * the vectors we compose for known and unknown words. Runs Debian's gensim ({@code apt-get install -y
 * python3-gensim}); skipped where it is not installed.
 */
@Timeout(300)
class GensimFastTextTest {

    /** Loads argv[1]; reads a JSON list of words on stdin; prints whether each is known and its vector. */
    private static final String LOAD = String.join("\n",
            "import json, sys",
            "from gensim.models.fasttext import load_facebook_vectors",
            "wv = load_facebook_vectors(sys.argv[1])",
            "words = json.loads(sys.stdin.buffer.read().decode('utf-8'))",
            "json.dump({'known': [w in wv.key_to_index for w in words],",
            "           'vectors': [wv[w].tolist() for w in words]}, sys.stdout)");

    @TempDir
    Path dir;

    @Test
    void gensimLoadsOurModelWithOurVectorsForKnownAndUnknownWords() throws Exception {
        DebianGensim.assumeInstalled();
        assertGensimComposesOurs(SubwordModels.random(8, 3, 6, 500, 31),
                List.of("where", "straße", "日本語", "wherever", "Zürich", "東京都"));
    }

    /** A model our trainer trained and exported ({@link WordFamilies}), its known and unseen forms. */
    @Test
    void gensimLoadsAModelWeTrainedWithOurVectorsForKnownAndUnseenWords() throws Exception {
        DebianGensim.assumeInstalled();
        assertGensimComposesOurs(WordFamilies.fastText(500),
                List.of("walking", "drums", "qhq", "walker", "drumer", "bloomé", "wälked"));
    }

    private void assertGensimComposesOurs(FastTextModel model, List<String> words) throws Exception {
        Path file = dir.resolve("ours.bin");
        FastTextBinary.write(file, model);
        JsonNode loaded = load(file, words);
        int dim = model.args().dim();
        float[] ours = new float[dim];
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            assertEquals(model.dictionary().id(word) >= 0, loaded.get("known").get(i).asBoolean(), word);
            assertTrue(model.vectors().vector(word, ours) > 0, word + " has rows");
            float[] theirs = new float[dim];
            for (int k = 0; k < dim; k++) {
                theirs[k] = (float) loaded.get("vectors").get(i).get(k).asDouble();
            }
            // gensim averages in its own order (and for known words precomputes the mean at load time).
            assertArrayEquals(ours, theirs, 1e-5f, word);
        }
    }

    private JsonNode load(Path file, List<String> words) throws Exception {
        File errors = Files.createTempFile(dir, "gensim", ".err").toFile();
        Process python = new ProcessBuilder(DebianGensim.PYTHON, "-c", LOAD, file.toString()).redirectError(errors)
                .start();
        try (OutputStream in = python.getOutputStream()) {
            in.write(new ObjectMapper().writeValueAsBytes(words));
        }
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
}
