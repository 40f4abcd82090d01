package dev.embeddings.testing;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Python with a reference library a test compares against (gensim, scikit-learn): the check, made once
 * per module and JVM, that skips a test with the reason where the module cannot be imported.
 */
public final class DebianPython {

    /** The Python that has Debian's packages (another python3 on the PATH may not). */
    public static final String PYTHON = "/usr/bin/python3";
    private static final Map<String, Boolean> IMPORTS = new ConcurrentHashMap<>();

    private DebianPython() {
    }

    /** Skips the calling test, saying why, when {@code module} cannot be imported. */
    public static void assumeModule(String module, String debianPackage) {
        Assumptions.assumeTrue(IMPORTS.computeIfAbsent(module, DebianPython::imports), "skipped: `" + PYTHON
                + " -c \"import " + module + "\"` failed; install it to run this test (Debian: apt-get install -y "
                + debianPackage + ")");
    }

    private static boolean imports(String module) {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import " + module)
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
