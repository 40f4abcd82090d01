package dev.embeddings.finetune;

import dev.embeddings.corpus.Tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads classification files: one example per line, {@code label<TAB>text}. The text is tokenised with the project
 * {@link Tokenizer}; blank lines are skipped. A line without exactly one tab, with an empty label or with no tokens
 * in its text is an error naming the file and line.
 *
 * <p>Not thread-safe (it holds a {@link Tokenizer}).
 */
public final class ClassificationReader {

    private static final int MAX_TOKEN_LENGTH = 100;
    /** A word, a space, then Penn-Treebank's split-off {@code n't} ({@code ca n't}, {@code does n't}). */
    private static final Pattern SPLIT_NEGATION = Pattern.compile("(\\p{L}) (n't)\\b", Pattern.CASE_INSENSITIVE);

    private final Tokenizer tokenizer;

    public ClassificationReader(boolean lowercase) {
        this.tokenizer = new Tokenizer(lowercase, MAX_TOKEN_LENGTH);
    }

    /**
     * The tokens of one text, as {@link #read} tokenises the text column. Negations that Penn-Treebank tokenisation
     * split off ({@code does n't}, as in SST) are first joined back, so that they tokenise as the corpus text did
     * ({@code doesn't} -> {@code doesn}, {@code t}) rather than into {@code does}, {@code n}, {@code t}: the
     * negated forms are the ones with pretrained vectors.
     */
    public List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        tokenizer.tokenize(SPLIT_NEGATION.matcher(text).replaceAll("$1$2"), tokens::add);
        return tokens;
    }

    public List<LabeledText> read(Path file) throws IOException {
        List<LabeledText> examples = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                examples.add(parse(line, file, lineNo));
            }
        }
        return examples;
    }

    private LabeledText parse(String line, Path file, int lineNo) throws IOException {
        int tab = line.indexOf('\t');
        if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
            throw new IOException(file + ":" + lineNo + ": expected 'label<TAB>text' (exactly one tab), got "
                    + (tab < 0 ? "no tab" : "more than one tab"));
        }
        String label = line.substring(0, tab).strip();
        if (label.isEmpty()) {
            throw new IOException(file + ":" + lineNo + ": empty label");
        }
        List<String> tokens = tokens(line.substring(tab + 1));
        if (tokens.isEmpty()) {
            throw new IOException(file + ":" + lineNo + ": text has no tokens");
        }
        return new LabeledText(label, tokens);
    }
}
