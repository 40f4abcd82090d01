package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ShardTokenIndexTest {

    private static ShardTokenIndex index(int[] lengths) {
        ShardTokenIndex.Builder builder = new ShardTokenIndex.Builder();
        for (int length : lengths) {
            builder.add(length);
        }
        return builder.build();
    }

    /** Short sentences, then long ones: the shape of a shard in input order. */
    private static int[] skewedLengths(int sentences, Random random) {
        int[] lengths = new int[sentences];
        for (int i = 0; i < sentences; i++) {
            lengths[i] = i < sentences / 2 ? 1 + random.nextInt(5) : 100 + random.nextInt(200);
        }
        return lengths;
    }

    @Test
    void eachMarkIsTheSentenceHoldingItsTokenAndTheMarksStayBounded() {
        Random random = new Random(7);
        for (int sentences : new int[] {1, 10, 3_000, 200_000}) {
            int[] lengths = skewedLengths(sentences, random);
            long[] firstToken = new long[sentences + 1];
            for (int s = 0; s < sentences; s++) {
                firstToken[s + 1] = firstToken[s] + lengths[s];
            }
            ShardTokenIndex index = index(lengths);
            long step = index.step();
            long[] marks = index.sentences();
            assertEquals(1, Long.bitCount(step), "the step only ever doubles: " + step);
            assertEquals((firstToken[sentences] + step - 1) / step, marks.length, "a mark for every i·step");
            assertTrue(marks.length <= ShardTokenIndex.Builder.MAX_MARKS, marks.length + " marks");
            assertTrue(step == 1 || marks.length > ShardTokenIndex.Builder.MAX_MARKS / 2, marks.length + " marks");
            for (int i = 0; i < marks.length; i++) {
                long token = i * step;
                int s = (int) marks[i];
                assertTrue(firstToken[s] <= token && token < firstToken[s + 1],
                        "mark " + i + ": sentence " + s + " holds tokens [" + firstToken[s] + ", "
                                + firstToken[s + 1] + "), not " + token);
            }
        }
    }

    @Test
    void sentenceAtRoundsDownToAMarkAndClampsPastTheEnd() {
        ShardTokenIndex index = index(new int[] {3, 1, 4});
        assertEquals(1, index.step());
        assertArrayEquals(new long[] {0, 0, 0, 1, 2, 2, 2, 2}, index.sentences());
        assertEquals(1, index.sentenceAt(3));
        assertEquals(2, index.sentenceAt(4));
        assertEquals(2, index.sentenceAt(100));
        assertEquals(0, index(new int[0]).sentenceAt(5), "an empty shard");
    }

    @Test
    void rejectsAnIndexNoShardCouldHaveNamingTheFault() {
        IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
                () -> new ShardTokenIndex(0, new long[] {0}));
        assertTrue(step.getMessage().contains("step must be at least 1"), step.getMessage());
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> new ShardTokenIndex(4, new long[] {0, 3, 2}));
        assertTrue(order.getMessage().contains("mark 2 (sentence 2) is before mark 1"), order.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new ShardTokenIndex(4, new long[] {-1}));
        assertTrue(negative.getMessage().contains("negative"), negative.getMessage());
    }
}
