package dev.embeddings.corpus;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Pass 2 of the corpus job: tokenizes records again and maps tokens to vocabulary ids, dropping out-of-vocabulary
 * tokens; yields one id array per record that keeps at least one token. Lazy, so a partition is streamed.
 */
final class EncodeFunction implements FlatMapFunction<Iterator<Tuple2<LongWritable, Text>>, int[]> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<Map<String, Integer>> ids;
    private final boolean lowercase;
    private final int maxTokenLength;

    EncodeFunction(Broadcast<Map<String, Integer>> ids, boolean lowercase, int maxTokenLength) {
        this.ids = ids;
        this.lowercase = lowercase;
        this.maxTokenLength = maxTokenLength;
    }

    @Override
    public Iterator<int[]> call(Iterator<Tuple2<LongWritable, Text>> records) {
        Map<String, Integer> vocabulary = ids.value();
        DocumentTokenizer tokenizer = new DocumentTokenizer(lowercase, maxTokenLength);
        return new Iterator<>() {
            private int[] buffer = new int[256];
            private int length;
            private int[] next;
            private final Tokenizer.TokenSink sink = token -> {
                Integer id = vocabulary.get(token);
                if (id != null) {
                    if (length == buffer.length) {
                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    }
                    buffer[length++] = id;
                }
            };

            @Override
            public boolean hasNext() {
                while (next == null && records.hasNext()) {
                    Text text = records.next()._2();
                    length = 0;
                    tokenizer.tokenize(text.getBytes(), text.getLength(), sink);
                    if (length > 0) {
                        next = Arrays.copyOf(buffer, length);
                    }
                }
                return next != null;
            }

            @Override
            public int[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int[] out = next;
                next = null;
                return out;
            }
        };
    }
}
