package dev.embeddings.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Line handling shared by the evaluation-set parsers, with the conventions of evaluate_vectors.py. */
final class EvalFiles {

    private EvalFiles() {
    }

    /** Receives each line with its 1-based number. */
    @FunctionalInterface
    interface LineHandler {
        void line(String line, int number) throws IOException;
    }

    /** Feeds every line of {@code in} (strict UTF-8) to {@code handler}; invalid UTF-8 fails naming the line. */
    static void forEachLine(InputStream in, String source, LineHandler handler) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        int number = 0;
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                handler.line(line, ++number);
            }
        } catch (CharacterCodingException e) {
            throw new IOException(source + ":" + (number + 1) + ": invalid UTF-8", e);
        }
    }

    /** Lower-cases as Python's {@code str.lower()} does for all but a few exotic characters. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Splits on runs of whitespace, as Python's {@code str.split()} without arguments. */
    static List<String> splitWhitespace(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && isSpace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !isSpace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                fields.add(line.substring(start, i));
            }
        }
        return fields;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
