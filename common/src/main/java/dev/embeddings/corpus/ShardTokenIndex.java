package dev.embeddings.corpus;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where a shard's tokens fall among its sentences: {@code sentences[i]} is the sentence (numbered from 0) that holds
 * token i·step (numbered from 0), for every such token of the shard. Sentence lengths vary along a shard (in input
 * order, a run of one-line headlines can precede a run of long reviews), so equal numbers of sentences can be very
 * unequal work; with the index {@link WorkPlan} divides a shard by tokens, to within a step. Built as the shard is
 * written, with at most {@link Builder#MAX_MARKS} marks: the step doubles whenever they would overflow.
 */
public record ShardTokenIndex(long step, long[] sentences) implements Serializable {

    /** Rejects an index no shard could have (a damaged or hand-edited manifest), naming what is wrong. */
    public ShardTokenIndex {
        if (step < 1) {
            throw new IllegalArgumentException("token index step must be at least 1, got " + step);
        }
        for (int i = 0; i < sentences.length; i++) {
            if (sentences[i] < (i == 0 ? 0 : sentences[i - 1])) {
                throw new IllegalArgumentException("token index mark " + i + " (sentence " + sentences[i]
                        + ") is " + (i == 0 ? "negative" : "before mark " + (i - 1) + " (sentence "
                        + sentences[i - 1] + ")"));
            }
        }
    }

    /** The sentence holding the last indexed token at or before {@code token}; 0 for an empty shard. */
    public long sentenceAt(long token) {
        return sentences.length == 0 ? 0 : sentences[(int) Math.min(token / step, sentences.length - 1)];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardTokenIndex t && t.step == step && Arrays.equals(t.sentences, sentences);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(step) + Arrays.hashCode(sentences);
    }

    @Override
    public String toString() {
        return "ShardTokenIndex[step=" + step + ", marks=" + sentences.length + "]";
    }

    /**
     * Records sentence lengths in order, counting sentences and tokens; constant memory and amortised constant time
     * per sentence.
     */
    public static final class Builder {

        /** Keeps a manifest small (a few kB per shard) while dividing a shard to within 1/512 of its tokens. */
        static final int MAX_MARKS = 1024;

        private final long[] marks = new long[MAX_MARKS];
        private int count;
        private long step = 1;
        private long tokens;
        private long sentences;

        /** The next sentence has {@code length} tokens. */
        public void add(int length) {
            long end = tokens + length;
            while (count * step < end) {
                if (count == MAX_MARKS) {
                    keepEveryOtherMark();
                } else {
                    marks[count++] = sentences;
                }
            }
            tokens = end;
            sentences++;
        }

        private void keepEveryOtherMark() {
            for (int i = 0; 2 * i < count; i++) {
                marks[i] = marks[2 * i];
            }
            count = (count + 1) / 2;
            step *= 2;
        }

        public long sentences() {
            return sentences;
        }

        public long tokens() {
            return tokens;
        }

        public ShardTokenIndex build() {
            return new ShardTokenIndex(step, Arrays.copyOf(marks, count));
        }
    }
}
