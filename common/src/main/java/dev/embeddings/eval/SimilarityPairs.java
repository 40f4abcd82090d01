package dev.embeddings.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A word-similarity test set: word pairs with a human score, one per line, fields separated by tabs or commas
 * (else by whitespace), {@code #} comment lines. The first line may be a header naming its columns (SimLex-999:
 * {@code word1 word2 POS SimLex999 ...}); a line is a header when no field after the two words is a number.
 * The score is the header's column named SimLex999, score or similarity if there is one (as
 * evaluate_vectors.py picks it), else the first numeric column after the words. Words are lower-cased.
 */
public final class SimilarityPairs {

    private static final List<String> SCORE_COLUMN_NAMES = List.of("simlex999", "score", "similarity");

    /** One pair, lower-cased, with the line it came from. */
    public record Pair(String word1, String word2, double score, int line) {
    }

    private final String name;
    private final List<Pair> pairs;

    private SimilarityPairs(String name, List<Pair> pairs) {
        this.name = name;
        this.pairs = List.copyOf(pairs);
    }

    public static SimilarityPairs read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.getFileName().toString());
        }
    }

    /** Parses pairs; {@code name} names the set in reports and errors. A malformed pair fails naming its line. */
    public static SimilarityPairs read(InputStream in, String name) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        // Score column: -1 until the header or the first pair decides it.
        int[] scoreColumn = {-1};
        boolean[] first = {true};
        EvalFiles.forEachLine(in, name, (line, number) -> {
            if (line.startsWith("#") || line.isBlank()) {
                return;
            }
            List<String> fields = fields(line);
            boolean isFirst = first[0];
            first[0] = false;
            if (isFirst && firstNumeric(fields) < 0) {
                scoreColumn[0] = namedScoreColumn(fields);
                return;
            }
            if (scoreColumn[0] < 0) {
                scoreColumn[0] = firstNumeric(fields);
            }
            if (fields.size() <= Math.max(2, scoreColumn[0])) {
                throw new IOException(name + ":" + number + ": expected two words and a score in column "
                        + (scoreColumn[0] + 1) + ", found " + fields.size() + " fields");
            }
            double score = parseScore(fields.get(scoreColumn[0]));
            if (!Double.isFinite(score)) {
                throw new IOException(name + ":" + number + ": score in column " + (scoreColumn[0] + 1)
                        + " is not a number: '" + fields.get(scoreColumn[0]) + "'");
            }
            pairs.add(new Pair(EvalFiles.lower(fields.get(0)), EvalFiles.lower(fields.get(1)), score, number));
        });
        return new SimilarityPairs(name, pairs);
    }

    /** Tab- or comma-separated if the line has a tab or comma, else whitespace-separated; fields trimmed. */
    private static List<String> fields(String line) {
        if (line.indexOf('\t') < 0 && line.indexOf(',') < 0) {
            return EvalFiles.splitWhitespace(line);
        }
        return Arrays.stream(line.replace(',', '\t').split("\t", -1)).map(String::strip).toList();
    }

    /** Index of the first numeric field after the two words, or -1. */
    private static int firstNumeric(List<String> fields) {
        for (int i = 2; i < fields.size(); i++) {
            if (Double.isFinite(parseScore(fields.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    /** The header column named like a score, or -1 to take the first numeric column of the first pair. */
    private static int namedScoreColumn(List<String> header) {
        for (int i = 2; i < header.size(); i++) {
            if (SCORE_COLUMN_NAMES.contains(header.get(i).toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /** The number in {@code field}, or NaN when it is not a plain decimal number. */
    private static double parseScore(String field) {
        if (field.isEmpty() || !field.chars().allMatch(c -> c >= '0' && c <= '9' || ".+-eE".indexOf(c) >= 0)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(field);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public String name() {
        return name;
    }

    public List<Pair> pairs() {
        return pairs;
    }
}
