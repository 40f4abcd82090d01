package dev.embeddings.corpus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * A generated English-like corpus with planted relations, so tests and the first run can check that training
 * recovers them. Countries have a capital and a language; professions come in male/female pairs. Sentences
 * state these relations with a few templates, mixed with Zipf-distributed filler text. Alongside the corpus it
 * writes an analogy file in the layout of {@code questions-words.txt} and a word-pair similarity file whose
 * related pairs score high, so the evaluation code can be exercised end to end.
 *
 * <p>Deterministic: the same seed and size give byte-identical files.
 */
public final class SyntheticCorpus {

    public static final String CORPUS_FILE = "planted.txt.gz";
    public static final String ANALOGY_FILE = "planted-analogies.txt";
    public static final String SIMILARITY_FILE = "planted-similarity.tsv";

    private static final String[] CONSONANTS = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u"};

    private final Random random;
    private final List<String> countries = new ArrayList<>();
    private final List<String> capitals = new ArrayList<>();
    private final List<String> languages = new ArrayList<>();
    private final List<String[]> landmarks = new ArrayList<>();
    private final List<String> maleRoles = new ArrayList<>();
    private final List<String> femaleRoles = new ArrayList<>();
    private final List<String> filler = new ArrayList<>();
    private final double[] fillerCumulative;

    public SyntheticCorpus(long seed, int countryCount, int rolePairs, int fillerWords) {
        if (countryCount < 2 || rolePairs < 2 || fillerWords < 1) {
            throw new IllegalArgumentException("need at least 2 countries, 2 role pairs and 1 filler word");
        }
        this.random = new Random(seed);
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < countryCount; i++) {
            countries.add(newWord(used, 3));
            capitals.add(newWord(used, 3));
            languages.add(newWord(used, 3) + "ish");
            landmarks.add(new String[] {newWord(used, 2), newWord(used, 2)});
        }
        for (int i = 0; i < rolePairs; i++) {
            String role = newWord(used, 2);
            maleRoles.add(role + "man");
            femaleRoles.add(role + "woman");
        }
        for (int i = 0; i < fillerWords; i++) {
            filler.add(newWord(used, 1 + random.nextInt(3)));
        }
        fillerCumulative = new double[fillerWords];
        double sum = 0;
        for (int i = 0; i < fillerWords; i++) {
            sum += 1.0 / (i + 1);
            fillerCumulative[i] = sum;
        }
        for (int i = 0; i < fillerWords; i++) {
            fillerCumulative[i] /= sum;
        }
    }

    /** Sentences the sample has unless asked for another size. */
    public static final int DEFAULT_SENTENCES = 80_000;

    /** The seed of the sample unless asked for another. */
    public static final long DEFAULT_SEED = 1;

    /** The default sample: 30 countries, 12 role pairs, 2,000 filler words. */
    public static SyntheticCorpus standard(long seed) {
        return new SyntheticCorpus(seed, 30, 12, 2000);
    }

    /** Writes the corpus (gzip), the analogy file and the similarity file into {@code dir}. */
    public void writeTo(Path dir, int sentences) throws IOException {
        Files.createDirectories(dir);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(CORPUS_FILE)))) {
            writeCorpus(out, sentences);
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(ANALOGY_FILE), StandardCharsets.UTF_8)) {
            writeAnalogies(w);
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(SIMILARITY_FILE), StandardCharsets.UTF_8)) {
            writeSimilarity(w);
        }
    }

    /** Writes {@code sentences} lines of space-separated lower-case words. */
    public void writeCorpus(OutputStream out, int sentences) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        StringBuilder line = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            line.setLength(0);
            sentence(line);
            w.write(line.toString());
            w.write('\n');
        }
        w.flush();
    }

    /** Analogy questions, {@code : section} headers then {@code a b c d} lines. */
    public void writeAnalogies(Writer w) throws IOException {
        writeSection(w, "capital-country", countries, capitals);
        writeSection(w, "country-language", countries, languages);
        writeSection(w, "gram-gender", maleRoles, femaleRoles);
    }

    /** Word pairs with a relatedness score from 0 to 10, tab-separated, after a comment line. */
    public void writeSimilarity(Writer w) throws IOException {
        w.write("# planted relatedness: word1<TAB>word2<TAB>score (0-10)\n");
        for (int i = 0; i < countries.size(); i++) {
            int other = (i + 1) % countries.size();
            pair(w, countries.get(i), capitals.get(i), 9.0);
            pair(w, countries.get(i), languages.get(i), 8.0);
            pair(w, capitals.get(i), landmarks.get(i)[0], 6.5);
            pair(w, countries.get(i), capitals.get(other), 3.0);
            pair(w, countries.get(i), filler.get(filler.size() - 1 - i), 0.5);
        }
        for (int i = 0; i < maleRoles.size(); i++) {
            pair(w, maleRoles.get(i), femaleRoles.get(i), 8.5);
            pair(w, maleRoles.get(i), filler.get(filler.size() / 2 + i), 1.0);
        }
    }

    private static void pair(Writer w, String a, String b, double score) throws IOException {
        w.write(a + "\t" + b + "\t" + score + "\n");
    }

    private static void writeSection(Writer w, String name, List<String> from, List<String> to) throws IOException {
        w.write(": " + name + "\n");
        for (int i = 0; i < from.size(); i++) {
            for (int j = 0; j < from.size(); j++) {
                if (i != j) {
                    w.write(from.get(i) + " " + to.get(i) + " " + from.get(j) + " " + to.get(j) + "\n");
                }
            }
        }
    }

    private void sentence(StringBuilder out) {
        int c = random.nextInt(countries.size());
        String country = countries.get(c);
        String capital = capitals.get(c);
        String language = languages.get(c);
        String landmark = landmarks.get(c)[random.nextInt(2)];
        int r = random.nextInt(maleRoles.size());
        switch (random.nextInt(12)) {
            case 0 -> words(out, "the capital of", country, "is", capital);
            case 1 -> words(out, capital, "is the largest city of", country);
            case 2 -> words(out, "people in", country, "speak", language);
            case 3 -> words(out, language, "is the language of", country);
            case 4 -> words(out, "in", capital, "they speak", language, "near the", landmark);
            case 5 -> words(out, "the", landmark, "of", country, "is close to", capital);
            case 6 -> words(out, "he worked as a", maleRoles.get(r), "and his brother was a", maleRoles.get(r));
            case 7 -> words(out, "she worked as a", femaleRoles.get(r), "and her sister was a", femaleRoles.get(r));
            case 8 -> words(out, "the", maleRoles.get(r), "said he", fillerWord(), "the", femaleRoles.get(r),
                    "said she", fillerWord());
            default -> {
                int n = 6 + random.nextInt(12);
                for (int i = 0; i < n; i++) {
                    words(out, fillerWord());
                }
            }
        }
        // Every sentence carries some filler, so relation words never see only template contexts.
        for (int i = random.nextInt(4); i > 0; i--) {
            words(out, fillerWord());
        }
    }

    private String fillerWord() {
        double u = random.nextDouble();
        int lo = 0;
        int hi = fillerCumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (fillerCumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return filler.get(lo);
    }

    private static void words(StringBuilder out, String... parts) {
        for (String p : parts) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(p);
        }
    }

    private String newWord(Set<String> used, int syllables) {
        for (int attempt = 0; ; attempt++) {
            StringBuilder b = new StringBuilder();
            // Short words run out (only 70 have one syllable): lengthen after repeated collisions.
            for (int i = 0; i < syllables + attempt / 50; i++) {
                b.append(CONSONANTS[random.nextInt(CONSONANTS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
            }
            String word = b.toString();
            if (word.length() > 1 && used.add(word)) {
                return word;
            }
        }
    }

    public List<String> countries() {
        return List.copyOf(countries);
    }

    public List<String> capitals() {
        return List.copyOf(capitals);
    }
}
