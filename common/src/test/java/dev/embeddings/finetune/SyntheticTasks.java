package dev.embeddings.finetune;

import dev.embeddings.matrix.FloatMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Generated task files whose labels follow planted words, and random vectors for their words. */
final class SyntheticTasks {

    static final List<String> FILLER = words("w", 40);
    static final List<String> POSITIVE = words("good", 5);
    static final List<String> NEGATIVE = words("bad", 5);
    static final List<String> FIRST_NAMES = List.of("Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid");
    static final List<String> LAST_NAMES = List.of("Smith", "Jones", "Ivanova", "Haddad");
    static final List<String> CITIES = List.of("Paris", "Lagos", "Lima", "Osaka", "Perth");

    private SyntheticTasks() {
    }

    private static List<String> words(String stem, int n) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(stem + i);
        }
        return words;
    }

    /** {@code label<TAB>text} lines: filler words plus one or two words of the label's sentiment list. */
    static Path writeSentiment(Path file, int sentences, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            boolean positive = random.nextBoolean();
            List<String> words = filler(random, 4 + random.nextInt(7));
            int planted = 1 + random.nextInt(2);
            for (int p = 0; p < planted; p++) {
                List<String> cue = positive ? POSITIVE : NEGATIVE;
                words.add(random.nextInt(words.size() + 1), cue.get(random.nextInt(cue.size())));
            }
            lines.add((positive ? "pos" : "neg") + "\t" + String.join(" ", words));
        }
        return Files.write(file, lines);
    }

    /** CoNLL lines (word, tag): filler words with a person (one or two tokens) and/or a city planted. */
    static Path writeEntities(Path file, int sentences, long seed) throws IOException {
        return writeTagged(file, sentences, seed, (random, words, tags) -> {
            if (random.nextBoolean()) {
                int at = random.nextInt(words.size() + 1);
                words.add(at, FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())));
                tags.add(at, "B-PER");
                if (random.nextBoolean()) {
                    words.add(at + 1, LAST_NAMES.get(random.nextInt(LAST_NAMES.size())));
                    tags.add(at + 1, "I-PER");
                }
            }
            int at = random.nextInt(words.size() + 1);
            words.add(at, CITIES.get(random.nextInt(CITIES.size())));
            tags.add(at, "B-LOC");
        });
    }

    /**
     * CoNLL lines (word, tag): filler words with one person and one place planted in random order, each a new
     * capitalised name of random letters that only its ending types: people end in "son", places in "burg". Files
     * of different seeds share (almost) no names, so a tagger can type another file's names only by their spelling.
     */
    static Path writeSpelledEntities(Path file, int sentences, long seed) throws IOException {
        return writeTagged(file, sentences, seed, (random, words, tags) -> {
            for (String[] entity : new String[][] {{"son", "B-PER"}, {"burg", "B-LOC"}}) {
                int at = random.nextInt(words.size() + 1);
                words.add(at, randomName(random) + entity[0]);
                tags.add(at, entity[1]);
            }
        });
    }

    /** Inserts entity words, and their tags at the same positions, into a sentence of filler words tagged O. */
    private interface EntityPlanter {
        void plant(Random random, List<String> words, List<String> tags);
    }

    /**
     * CoNLL lines: {@code sentences} sentences of 3-8 filler words with entities planted by {@code planter}, a word and
     * its tag per line, a blank line after each sentence.
     */
    private static Path writeTagged(Path file, int sentences, long seed, EntityPlanter planter) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            List<String> words = filler(random, 3 + random.nextInt(6));
            List<String> tags = new ArrayList<>(Collections.nCopies(words.size(), "O"));
            planter.plant(random, words, tags);
            for (int i = 0; i < words.size(); i++) {
                lines.add(words.get(i) + " " + tags.get(i));
            }
            lines.add("");
        }
        return Files.write(file, lines);
    }

    private static String randomName(Random random) {
        StringBuilder name = new StringBuilder().append((char) ('A' + random.nextInt(26)));
        for (int i = 0, n = 2 + random.nextInt(4); i < n; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        return name.toString();
    }

    private static List<String> filler(Random random, int n) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(FILLER.get(random.nextInt(FILLER.size())));
        }
        return words;
    }

    /**
     * Vectors for every generated word, keyed in lower case (the tagger must find names case-insensitively). Like
     * real pretrained vectors they carry meaning: the words of each planted group (positive, negative, first names,
     * last names, cities) share a group direction; filler words are plain Gaussian noise.
     */
    static PretrainedVectors vectors(int dim, long seed) {
        Random random = new Random(seed);
        List<String> words = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        addGroup(FILLER, null, dim, random, words, rows);
        for (List<String> group : List.of(POSITIVE, NEGATIVE, FIRST_NAMES, LAST_NAMES, CITIES)) {
            addGroup(group, gaussian(dim, random, 2), dim, random, words, rows);
        }
        FloatMatrix matrix = FloatMatrix.zeros(rows.size(), dim);
        for (int i = 0; i < rows.size(); i++) {
            matrix.setRow(i, rows.get(i), 0);
        }
        return new PretrainedVectors(words.toArray(new String[0]), matrix);
    }

    private static void addGroup(List<String> group, float[] direction, int dim, Random random, List<String> words,
                                 List<float[]> rows) {
        for (String word : group) {
            float[] v = gaussian(dim, random, direction == null ? 1 : 0.5);
            for (int j = 0; direction != null && j < dim; j++) {
                v[j] += direction[j];
            }
            words.add(word.toLowerCase(Locale.ROOT));
            rows.add(v);
        }
    }

    private static float[] gaussian(int dim, Random random, double scale) {
        float[] v = new float[dim];
        for (int j = 0; j < dim; j++) {
            v[j] = (float) (scale * random.nextGaussian());
        }
        return v;
    }
}
