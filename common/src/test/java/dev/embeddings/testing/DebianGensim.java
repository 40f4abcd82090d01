package dev.embeddings.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's gensim ({@code apt-get install -y python3-gensim}), the reference reader the format tests load our files
 * with: its Python, and the check, made once per JVM, that skips a test with the reason where it is not installed.
 */
public final class DebianGensim {

    /** The Python that has Debian's gensim (another python3 on the PATH may not). */
    public static final String PYTHON = "/usr/bin/python3";
    private static final boolean INSTALLED = importsGensim();

    private DebianGensim() {
    }

    /** Skips the calling test, saying why, when gensim cannot be imported. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(INSTALLED, "skipped: `" + PYTHON + " -c \"import gensim\"` failed; "
                + "install gensim to run this test (Debian: apt-get install -y python3-gensim)");
    }

    private static boolean importsGensim() {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import gensim")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean finished = check.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                check.destroyForcibly();
            }
            return finished && check.exitValue() == 0;
        } catch (IOException noPython) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
