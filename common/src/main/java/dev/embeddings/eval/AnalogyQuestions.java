package dev.embeddings.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An analogy test set in the layout of word2vec's {@code questions-words.txt}: {@code : section} lines, then
 * {@code a b c d} questions meaning "a is to b as c is to d". Words are lower-cased as read. Sections whose name
 * starts with {@code gram} are syntactic, the others semantic.
 */
public final class AnalogyQuestions {

    /** One question, lower-cased, with the index of its section in {@link #sections()}. */
    public record Question(String a, String b, String c, String d, int section) {
    }

    private final String name;
    private final List<String> sections;
    private final List<Question> questions;

    private AnalogyQuestions(String name, List<String> sections, List<Question> questions) {
        this.name = name;
        this.sections = List.copyOf(sections);
        this.questions = List.copyOf(questions);
    }

    public static AnalogyQuestions read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.getFileName().toString());
        }
    }

    /**
     * Parses questions; {@code name} names the set in reports and errors. Blank lines are skipped; a question
     * line that does not have four words, or comes before any section, fails naming the line.
     */
    public static AnalogyQuestions read(InputStream in, String name) throws IOException {
        List<String> sections = new ArrayList<>();
        List<Question> questions = new ArrayList<>();
        int[] section = {-1};
        EvalFiles.forEachLine(in, name, (line, number) -> {
            if (line.startsWith(":")) {
                String sectionName = line.substring(1).strip();
                // A repeated section name continues that section, as evaluate_vectors.py counts it.
                if (!sections.contains(sectionName)) {
                    sections.add(sectionName);
                }
                section[0] = sections.indexOf(sectionName);
                return;
            }
            List<String> words = EvalFiles.splitWhitespace(EvalFiles.lower(line));
            if (words.isEmpty()) {
                return;
            }
            if (words.size() != 4) {
                throw new IOException(name + ":" + number + ": expected 4 words 'a b c d', found " + words.size());
            }
            if (section[0] < 0) {
                throw new IOException(name + ":" + number + ": question before the first ': section' line");
            }
            questions.add(new Question(words.get(0), words.get(1), words.get(2), words.get(3), section[0]));
        });
        return new AnalogyQuestions(name, sections, questions);
    }

    /** The set's name: its file name. */
    public String name() {
        return name;
    }

    /** Section names in file order. */
    public List<String> sections() {
        return sections;
    }

    public List<Question> questions() {
        return questions;
    }

    /** Whether a section is syntactic: its name starts with {@code gram}, as in questions-words.txt. */
    public static boolean isSyntactic(String section) {
        return section.startsWith("gram");
    }
}
