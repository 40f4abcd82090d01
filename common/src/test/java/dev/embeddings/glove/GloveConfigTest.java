package dev.embeddings.glove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
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

    /** The defaults with one component, named as in the record, replaced. */
    private static GloveConfig defaultsWith(String component, Object value) throws ReflectiveOperationException {
        GloveConfig defaults = GloveConfig.defaults();
        RecordComponent[] components = GloveConfig.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        for (int c = 0; c < components.length; c++) {
            types[c] = components[c].getType();
            found |= components[c].getName().equals(component);
            args[c] = components[c].getName().equals(component) ? value : components[c].getAccessor().invoke(defaults);
        }
        assertTrue(found, "no component " + component);
        return GloveConfig.class.getDeclaredConstructor(types).newInstance(args);
    }

    private static void assertRejected(String component, Object value) throws ReflectiveOperationException {
        GloveConfig config = defaultsWith(component, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::validate);
        assertTrue(e.getMessage().startsWith(component + " must be"), e.getMessage());
    }

    @Test
    void validateNamesTheParameterOutOfRange() throws ReflectiveOperationException {
        assertRejected("dim", 0);
        assertRejected("window", 0);
        assertRejected("xMax", Double.NaN);
        assertRejected("alpha", -1.0);
        assertRejected("epochs", 0);
        assertRejected("learningRate", Double.POSITIVE_INFINITY);
        assertRejected("gradClip", 0.0);
        assertRejected("threads", 0);
        assertRejected("output", null);
        assertRejected("cooccurrenceBufferMb", 0);
    }
}
