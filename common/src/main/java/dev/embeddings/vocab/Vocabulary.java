package dev.embeddings.vocab;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training vocabulary: words with their corpus counts, most frequent first (ties broken by word, so the order
 * is deterministic), and the id of each word (its rank). Stored as {@code vocab.tsv}: {@code word<TAB>count} lines.
 */
public final class Vocabulary {

    private final String[] words;
    private final long[] counts;
    private final Map<String, Integer> ids;

    private Vocabulary(String[] words, long[] counts) {
        this.words = words;
        this.counts = counts;
        this.ids = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) {
            if (ids.put(words[i], i) != null) {
                throw new IllegalArgumentException("duplicate word in vocabulary: '" + words[i] + "'");
            }
        }
    }

    /** The order every vocabulary uses: count descending, then word ascending (by UTF-16 code units). */
    public static final Comparator<Map.Entry<String, Long>> ORDER =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    /**
     * Builds a vocabulary from word counts: keeps words counted at least {@code minCount} times, then the
     * {@code maxSize} most frequent of those (0 = no limit), in {@link #ORDER}.
     */
    public static Vocabulary fromCounts(Map<String, Long> wordCounts, long minCount, int maxSize) {
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        for (Map.Entry<String, Long> e : wordCounts.entrySet()) {
            if (e.getValue() >= minCount) {
                kept.add(e);
            }
        }
        kept.sort(ORDER);
        int size = maxSize > 0 ? Math.min(maxSize, kept.size()) : kept.size();
        String[] words = new String[size];
        long[] counts = new long[size];
        for (int i = 0; i < size; i++) {
            words[i] = kept.get(i).getKey();
            counts[i] = kept.get(i).getValue();
        }
        return new Vocabulary(words, counts);
    }

    /** Builds a vocabulary from words and counts already in {@link #ORDER}; checks that they are. */
    public static Vocabulary of(String[] words, long[] counts) {
        if (words.length != counts.length) {
            throw new IllegalArgumentException(words.length + " words but " + counts.length + " counts");
        }
        for (int i = 0; i < words.length; i++) {
            if (counts[i] < 1) {
                throw new IllegalArgumentException("count of '" + words[i] + "' must be positive, got " + counts[i]);
            }
            if (i > 0 && (counts[i] > counts[i - 1]
                    || (counts[i] == counts[i - 1] && words[i].compareTo(words[i - 1]) <= 0))) {
                throw new IllegalArgumentException("vocabulary not in count-descending, word-ascending order at '"
                        + words[i] + "' (entry " + (i + 1) + ")");
            }
        }
        return new Vocabulary(words.clone(), counts.clone());
    }

    public int size() {
        return words.length;
    }

    public String word(int id) {
        return words[id];
    }

    public long count(int id) {
        return counts[id];
    }

    /** The id of {@code word}, or -1 when it is not in the vocabulary. */
    public int id(String word) {
        Integer id = ids.get(word);
        return id == null ? -1 : id;
    }

    /** Sum of all counts: the number of in-vocabulary tokens in the corpus. */
    public long totalCount() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    public String[] words() {
        return words.clone();
    }

    public long[] counts() {
        return counts.clone();
    }

    /** Writes {@code word<TAB>count} lines, most frequent first. */
    public void write(OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        for (int i = 0; i < words.length; i++) {
            w.write(words[i]);
            w.write('\t');
            w.write(Long.toString(counts[i]));
            w.write('\n');
        }
        w.flush();
    }

    /**
     * Reads {@code word<TAB>count} lines as written by {@link #write}; {@code source} names the file in errors.
     * Rejects malformed lines, invalid UTF-8, duplicates and lines out of order.
     */
    public static Vocabulary read(InputStream in, String source) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        List<String> words = new ArrayList<>();
        long[] counts = new long[1024];
        String line;
        int lineNo = 0;
        try {
            while ((line = r.readLine()) != null) {
                lineNo++;
                int tab = line.indexOf('\t');
                if (tab <= 0 || line.indexOf('\t', tab + 1) >= 0) {
                    throw new IOException(source + ":" + lineNo + ": expected 'word<TAB>count', got '"
                            + abbreviate(line) + "'");
                }
                long count;
                try {
                    count = Long.parseLong(line.substring(tab + 1));
                } catch (NumberFormatException e) {
                    throw new IOException(source + ":" + lineNo + ": count is not a whole number: '"
                            + abbreviate(line.substring(tab + 1)) + "'");
                }
                if (words.size() == counts.length) {
                    counts = Arrays.copyOf(counts, counts.length * 2);
                }
                counts[words.size()] = count;
                words.add(line.substring(0, tab));
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(source + ": invalid UTF-8 after line " + lineNo, e);
        }
        try {
            return of(words.toArray(new String[0]), Arrays.copyOf(counts, words.size()));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
