package dev.embeddings.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * fastText's command-line tool ({@code fasttext}) for the tests that compare with it, where it is on the PATH. Words
 * travel on standard input as UTF-8, never on the command line, so non-ASCII words reach it whatever the locale.
 */
public final class FastTextTool {

    private static final Path EXECUTABLE = onPath("fasttext");

    private FastTextTool() {
    }

    /** Skips the calling test, saying why, when {@code fasttext} is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(EXECUTABLE != null, "skipped: `fasttext` is not on the PATH; install it to compare "
                + "with fastText itself (Debian: apt-get install -y fasttext)");
    }

    /** {@code fasttext skipgram -input corpus -output output options}; returns the .bin it wrote. */
    public static Path skipgram(Path corpus, Path output, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "skipgram", "-input", corpus.toString(),
                "-output", output.toString()));
        command.addAll(List.of(options));
        run(command, new byte[0], output.getParent());
        return Path.of(output + ".bin");
    }

    /** {@code fasttext print-word-vectors model < words}: one line per word, the word then its vector. */
    public static List<String> printWordVectors(Path model, List<String> words) throws Exception {
        String out = run(List.of(EXECUTABLE.toString(), "print-word-vectors", model.toString()),
                (String.join("\n", words) + "\n").getBytes(StandardCharsets.UTF_8), model.getParent());
        List<String> printed = out.lines().toList();
        assertEquals(words.size(), printed.size(), out);
        return printed;
    }

    /**
     * Checks that {@code printed}, a line of {@link #printWordVectors}, is {@code word} and {@code expected}: fastText
     * prints 5 significant digits, so each value may be off by half a unit of the fifth and a few ulps of the parse.
     */
    public static void assertPrints(String printed, String word, float[] expected) {
        String[] parts = printed.trim().split(" ");
        assertEquals(word, parts[0]);
        assertEquals(expected.length, parts.length - 1, word);
        for (int k = 0; k < expected.length; k++) {
            float tolerance = 5e-5f * Math.abs(expected[k]) + 4 * Math.ulp(expected[k]);
            assertEquals(expected[k], Float.parseFloat(parts[k + 1]), tolerance, word + ", value " + (k + 1));
        }
    }

    private static String run(List<String> command, byte[] stdin, Path dir) throws Exception {
        File errors = Files.createTempFile(dir, "fasttext", ".err").toFile();
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(errors).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "fasttext did not finish: " + command);
        assertEquals(0, process.exitValue(), () -> command + " failed: " + errors);
        return out;
    }

    private static Path onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d, name);
            if (!d.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
