package dev.embeddings.testing;

import dev.embeddings.formats.VectorFormat;
import dev.embeddings.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated two-class task for fine-tuning tests: each {@code pos}/{@code neg} line is noise words with one or
 * two cue words of its class, so a model that learns the cues scores near 100% and chance is ~50%.
 */
public final class SentimentFiles {

    private static final int NOISE_WORDS = 30;
    private static final int CUES_PER_CLASS = 4;
    private static final String[] CLASSES = {"pos", "neg"};

    private SentimentFiles() {
    }

    /** Writes {@code n} {@code label<TAB>text} lines. */
    public static Path write(Path file, int n, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(CLASSES.length);
            List<String> words = new ArrayList<>();
            for (int w = 3 + random.nextInt(6); w > 0; w--) {
                words.add("noise" + random.nextInt(NOISE_WORDS));
            }
            for (int c = 1 + random.nextInt(2); c > 0; c--) {
                words.add(random.nextInt(words.size() + 1), CLASSES[label] + "cue" + random.nextInt(CUES_PER_CLASS));
            }
            lines.add(CLASSES[label] + "\t" + String.join(" ", words));
        }
        return Files.write(file, lines);
    }

    /** The text column of a file written by {@link #write}. */
    public static List<String> texts(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(line -> line.substring(line.indexOf('\t') + 1)).toList();
    }

    /** The label column of a file written by {@link #write}. */
    public static List<String> labels(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(line -> line.substring(0, line.indexOf('\t'))).toList();
    }

    /**
     * A word2vec text file covering every generated word: the cue words of a class lie near a shared class
     * direction, as pretrained vectors put related words together; noise words are random.
     */
    public static Path writeVectors(Path file, int dim, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> words = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < NOISE_WORDS; i++) {
            words.add("noise" + i);
            addRow(values, new float[dim], 1, dim, random);
        }
        for (String label : CLASSES) {
            float[] direction = new float[dim];
            for (int j = 0; j < dim; j++) {
                direction[j] = (float) (2 * random.nextGaussian());
            }
            for (int i = 0; i < CUES_PER_CLASS; i++) {
                words.add(label + "cue" + i);
                addRow(values, direction, 0.5, dim, random);
            }
        }
        float[] matrix = new float[values.size()];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = values.get(i);
        }
        WordVectors.of(words.toArray(new String[0]), matrix, dim).writeTo(file, VectorFormat.WORD2VEC_TEXT);
        return file;
    }

    private static void addRow(List<Float> values, float[] centre, double noise, int dim, Random random) {
        for (int j = 0; j < dim; j++) {
            values.add((float) (centre[j] + noise * random.nextGaussian()));
        }
    }
}
