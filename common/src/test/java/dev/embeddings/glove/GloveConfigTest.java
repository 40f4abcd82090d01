package dev.embeddings.glove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GloveConfigTest {

    @Test
    void defaultsAreGloveDemoSettingsAndValid() {
        GloveConfig c = GloveConfig.defaults().validate();
        assertEquals(100, c.dim());
        assertEquals(10, c.window());
        assertTrue(c.symmetric());
        assertEquals(100.0, c.xMax());
        assertEquals(0.75, c.alpha());
        assertEquals(15, c.epochs());
        assertEquals(0.05, c.learningRate());
        assertEquals(OutputVectors.WORD_PLUS_CONTEXT, c.output());
    }

    private static void assertRejected(String parameter, GloveConfig config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::validate);
        assertTrue(e.getMessage().startsWith(parameter + " must be"), e.getMessage());
    }

    @Test
    void validateNamesTheParameterOutOfRange() {
        GloveConfig d = GloveConfig.defaults();
        assertRejected("dim", new GloveConfig(0, d.window(), d.symmetric(), d.xMax(), d.alpha(), d.epochs(),
                d.learningRate(), d.gradClip(), d.threads(), d.seed(), d.output(), d.cooccurrenceBufferMb()));
        assertRejected("window", new GloveConfig(d.dim(), 0, d.symmetric(), d.xMax(), d.alpha(), d.epochs(),
                d.learningRate(), d.gradClip(), d.threads(), d.seed(), d.output(), d.cooccurrenceBufferMb()));
        assertRejected("xMax", new GloveConfig(d.dim(), d.window(), d.symmetric(), Double.NaN, d.alpha(), d.epochs(),
                d.learningRate(), d.gradClip(), d.threads(), d.seed(), d.output(), d.cooccurrenceBufferMb()));
        assertRejected("alpha", new GloveConfig(d.dim(), d.window(), d.symmetric(), d.xMax(), -1, d.epochs(),
                d.learningRate(), d.gradClip(), d.threads(), d.seed(), d.output(), d.cooccurrenceBufferMb()));
        assertRejected("epochs", new GloveConfig(d.dim(), d.window(), d.symmetric(), d.xMax(), d.alpha(), 0,
                d.learningRate(), d.gradClip(), d.threads(), d.seed(), d.output(), d.cooccurrenceBufferMb()));
        assertRejected("learningRate", new GloveConfig(d.dim(), d.window(), d.symmetric(), d.xMax(), d.alpha(),
                d.epochs(), Double.POSITIVE_INFINITY, d.gradClip(), d.threads(), d.seed(), d.output(),
                d.cooccurrenceBufferMb()));
        assertRejected("gradClip", new GloveConfig(d.dim(), d.window(), d.symmetric(), d.xMax(), d.alpha(), d.epochs(),
                d.learningRate(), 0, d.threads(), d.seed(), d.output(), d.cooccurrenceBufferMb()));
        assertRejected("threads", new GloveConfig(d.dim(), d.window(), d.symmetric(), d.xMax(), d.alpha(), d.epochs(),
                d.learningRate(), d.gradClip(), 0, d.seed(), d.output(), d.cooccurrenceBufferMb()));
        assertRejected("output", new GloveConfig(d.dim(), d.window(), d.symmetric(), d.xMax(), d.alpha(), d.epochs(),
                d.learningRate(), d.gradClip(), d.threads(), d.seed(), null, d.cooccurrenceBufferMb()));
        assertRejected("cooccurrenceBufferMb", new GloveConfig(d.dim(), d.window(), d.symmetric(), d.xMax(),
                d.alpha(), d.epochs(), d.learningRate(), d.gradClip(), d.threads(), d.seed(), d.output(), 0));
    }
}
