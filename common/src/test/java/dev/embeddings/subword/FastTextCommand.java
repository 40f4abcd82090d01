package dev.embeddings.subword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs fastText's command-line tool ({@code fasttext}, Debian's package of fastText 0.9.2) where it is on the PATH.
 * Words travel through files and standard input, never the command line, so non-ASCII words reach fastText as
 * UTF-8 bytes whatever the JVM's locale.
 */
final class FastTextCommand {

    private static final Path EXECUTABLE = onPath("fasttext");

    private FastTextCommand() {
    }

    /** Skips the calling test, saying why, when {@code fasttext} is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(EXECUTABLE != null, "skipped: `fasttext` is not on the PATH; install it to compare "
                + "with fastText itself (Debian: apt-get install -y fasttext)");
    }

    /** Trains {@code fasttext skipgram} on {@code corpus} with {@code options}; returns the .bin it wrote. */
    static Path skipgram(Path corpus, Path output, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "skipgram", "-input", corpus.toString(),
                "-output", output.toString()));
        command.addAll(List.of(options));
        run(command, new byte[0], output.getParent());
        return Path.of(output + ".bin");
    }

    /**
     * {@code fasttext print-ngrams model word} for each word: word to the lines fastText printed, each an n-gram
     * (or, first, the word itself when it is in the dictionary) followed by its vector.
     */
    static Map<String, List<String>> printNgrams(Path model, List<String> words) throws Exception {
        String script = "while IFS= read -r w; do printf '== %s\\n' \"$w\"; \"$0\" print-ngrams \"$1\" \"$w\"; done";
        String out = run(List.of("/bin/sh", "-c", script, EXECUTABLE.toString(), model.toString()), lines(words),
                model.getParent());
        Map<String, List<String>> printed = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("== ")) {
                current = new ArrayList<>();
                printed.put(line.substring(3), current);
            } else {
                current.add(line);
            }
        }
        assertEquals(words, List.copyOf(printed.keySet()));
        return printed;
    }

    /** {@code fasttext print-word-vectors model < words}: each line a word and its vector. */
    static List<String> printWordVectors(Path model, List<String> words) throws Exception {
        String out = run(List.of(EXECUTABLE.toString(), "print-word-vectors", model.toString()), lines(words),
                model.getParent());
        List<String> printed = List.of(out.split("\n"));
        assertEquals(words.size(), printed.size(), out);
        return printed;
    }

    /**
     * {@code fasttext nn model k < words}: per query word (in order), the k lines fastText printed, each a neighbour
     * and its cosine similarity.
     */
    static List<List<String>> nearestNeighbours(Path model, int k, List<String> words) throws Exception {
        String out = run(List.of(EXECUTABLE.toString(), "nn", model.toString(), Integer.toString(k)), lines(words),
                model.getParent());
        List<List<String>> answers = new ArrayList<>();
        // Each answer follows the prompt; the last prompt, after the last query, has none.
        for (String block : out.split("Query word\\? ", -1)) {
            if (!block.isBlank()) {
                answers.add(List.of(block.strip().split("\n")));
            }
        }
        assertEquals(words.size(), answers.size(), out);
        return answers;
    }

    /**
     * {@code fasttext analogies model k}, each of {@code triples} ("A B C", answered as A - B + C) on standard input:
     * per triple, the k lines fastText printed, each an answer and its cosine similarity. fastText 0.9.2 repeats its
     * last answer forever once standard input ends, so the process is stopped when every triple is answered.
     */
    static List<List<String>> analogies(Path model, int k, List<String> triples) throws Exception {
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "analogies", model.toString(),
                Integer.toString(k)).directory(model.getParent().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(lines(triples));
            }
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            List<List<String>> answers = new ArrayList<>();
            for (int t = 0; t < triples.size(); t++) {
                List<String> answer = new ArrayList<>();
                while (answer.size() < k) {
                    String line = out.readLine();
                    assertTrue(line != null, "fasttext analogies ended early");
                    if (!line.startsWith("Loading model ")) {
                        answer.add(line.substring(line.indexOf("? ") >= 0 ? line.indexOf("? ") + 2 : 0));
                    }
                }
                answers.add(answer);
            }
            return answers;
        } finally {
            process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** The floats after the first token of a line fastText printed ({@code token v1 v2 ... }). */
    static float[] values(String line) {
        String[] parts = line.trim().split(" ");
        float[] values = new float[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
            values[i - 1] = Float.parseFloat(parts[i]);
        }
        return values;
    }

    /** The first token of such a line. */
    static String token(String line) {
        return line.substring(0, line.indexOf(' '));
    }

    /**
     * Whether {@code ours} prints as {@code printed}: fastText prints 5 significant digits, so each value may be off
     * by half a unit in the fifth digit (and a few ulps from parsing the printed decimal).
     */
    static void assertPrintedAs(float[] printed, float[] ours, String what) {
        assertEquals(printed.length, ours.length, what);
        for (int k = 0; k < ours.length; k++) {
            float tolerance = 5e-5f * Math.abs(ours[k]) + 4 * Math.ulp(ours[k]);
            assertEquals(printed[k], ours[k], tolerance, what + ", value " + (k + 1));
        }
    }

    private static byte[] lines(List<String> words) {
        return (String.join("\n", words) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String run(List<String> command, byte[] stdin, Path dir) throws Exception {
        File errors = Files.createTempFile(dir, "fasttext", ".err").toFile();
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(errors).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "fasttext did not finish: " + command);
        assertEquals(0, process.exitValue(), () -> command + " failed: " + read(errors));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String read(File file) {
        try {
            return Files.readString(file.toPath());
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
