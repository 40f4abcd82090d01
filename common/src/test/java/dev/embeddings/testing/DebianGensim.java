package dev.embeddings.testing;

/**
 * Debian's gensim ({@code apt-get install -y python3-gensim}), the reference reader the format tests load our files
 * with: its Python, and the check that skips a test with the reason where it is not installed.
 */
public final class DebianGensim {

    /** The Python that has Debian's gensim (another python3 on the PATH may not). */
    public static final String PYTHON = DebianPython.PYTHON;

    private DebianGensim() {
    }

    /** Skips the calling test, saying why, when gensim cannot be imported. */
    public static void assumeInstalled() {
        DebianPython.assumeModule("gensim", "python3-gensim");
    }
}
