package dev.embeddings.finetune;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CoNLL column files: one token per line, whitespace-separated columns with the word first and the tag last,
 * a blank line between sentences, {@code -DOCSTART-} lines skipped. Every token line of a file must have the same
 * number of columns (at least two). Tags are read in the given scheme and returned as IOB2.
 */
public final class ConllReader {

    private static final String DOCSTART = "-DOCSTART-";

    private final TagScheme scheme;

    public ConllReader(TagScheme scheme) {
        this.scheme = scheme;
    }

    public List<TaggedSentence> read(Path file) throws IOException {
        List<TaggedSentence> sentences = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        int columns = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith(DOCSTART)) {
                    flush(words, tags, sentences);
                    continue;
                }
                String[] fields = trimmed.split("\\s+");
                if (columns < 0) {
                    if (fields.length < 2) {
                        throw new IOException(file + ":" + lineNo + ": expected at least 2 columns (word ... tag), got 1");
                    }
                    columns = fields.length;
                } else if (fields.length != columns) {
                    throw new IOException(file + ":" + lineNo + ": expected " + columns
                            + " columns like the file's first token line, got " + fields.length);
                }
                String tag = fields[columns - 1];
                if (!TagScheme.isValid(tag)) {
                    throw new IOException(file + ":" + lineNo + ": tag '" + tag + "' is not O, B-TYPE or I-TYPE");
                }
                words.add(fields[0]);
                tags.add(tag);
            }
        }
        flush(words, tags, sentences);
        return sentences;
    }

    private void flush(List<String> words, List<String> tags, List<TaggedSentence> sentences) {
        if (!words.isEmpty()) {
            sentences.add(new TaggedSentence(words, scheme.toIob2(tags)));
            words.clear();
            tags.clear();
        }
    }
}
