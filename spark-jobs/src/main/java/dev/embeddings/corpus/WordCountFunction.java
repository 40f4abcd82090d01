package dev.embeddings.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * Pass 1 of the corpus job, per input partition: tokenizes records and counts words map-side, so the shuffle
 * carries one partial count per distinct word and partition. The map is handed downstream and cleared whenever it
 * holds {@code maxEntries} words, which bounds a task's memory whatever the partition size. Corpus statistics
 * follow as {@link CorpusStat} keys.
 */
final class WordCountFunction implements PairFlatMapFunction<Iterator<Tuple2<LongWritable, Text>>, String, Long> {

    private static final long serialVersionUID = 1L;

    private final boolean lowercase;
    private final int maxTokenLength;
    private final int maxEntries;

    WordCountFunction(boolean lowercase, int maxTokenLength, int maxEntries) {
        this.lowercase = lowercase;
        this.maxTokenLength = maxTokenLength;
        this.maxEntries = maxEntries;
    }

    @Override
    public Iterator<Tuple2<String, Long>> call(Iterator<Tuple2<LongWritable, Text>> records) {
        return new Counting(records);
    }

    private final class Counting implements Iterator<Tuple2<String, Long>> {
        private final Iterator<Tuple2<LongWritable, Text>> records;
        private final DocumentTokenizer tokenizer = new DocumentTokenizer(lowercase, maxTokenLength);
        private final Map<String, long[]> counts = new HashMap<>();
        private final Tokenizer.TokenSink sink = token -> counts.computeIfAbsent(token, k -> new long[1])[0]++;
        private Iterator<Map.Entry<String, long[]>> draining;
        private Iterator<Tuple2<String, Long>> stats;
        private long lines;
        private long documents;
        private long splitLines;
        private long currentLine = -1;
        private boolean currentLineHasTokens;
        private boolean currentLineSplit;

        Counting(Iterator<Tuple2<LongWritable, Text>> records) {
            this.records = records;
        }

        @Override
        public boolean hasNext() {
            while (true) {
                if (draining != null && draining.hasNext()) {
                    return true;
                }
                if (draining != null) {
                    counts.clear();
                    draining = null;
                }
                if (stats != null) {
                    return stats.hasNext();
                }
                fill();
            }
        }

        @Override
        public Tuple2<String, Long> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (draining != null) {
                Map.Entry<String, long[]> e = draining.next();
                return new Tuple2<>(e.getKey(), e.getValue()[0]);
            }
            return stats.next();
        }

        /** Counts records until the map is full or the input ends, then starts draining. */
        private void fill() {
            while (records.hasNext() && counts.size() < maxEntries) {
                Tuple2<LongWritable, Text> record = records.next();
                long line = record._1().get();
                if (line != currentLine) {
                    endLine();
                    currentLine = line;
                    lines++;
                } else {
                    currentLineSplit = true;
                }
                Text text = record._2();
                if (tokenizer.tokenize(text.getBytes(), text.getLength(), sink) > 0) {
                    currentLineHasTokens = true;
                }
            }
            if (!counts.isEmpty()) {
                draining = counts.entrySet().iterator();
            }
            if (!records.hasNext()) {
                endLine();
                stats = statistics().iterator();
            }
        }

        private void endLine() {
            if (currentLineHasTokens) {
                documents++;
            }
            if (currentLineSplit) {
                splitLines++;
            }
            currentLineHasTokens = false;
            currentLineSplit = false;
        }

        private List<Tuple2<String, Long>> statistics() {
            List<Tuple2<String, Long>> out = new ArrayList<>();
            out.add(new Tuple2<>(CorpusStat.LINES.key(), lines));
            out.add(new Tuple2<>(CorpusStat.DOCUMENTS.key(), documents));
            out.add(new Tuple2<>(CorpusStat.TOKENS.key(), tokenizer.tokens()));
            out.add(new Tuple2<>(CorpusStat.BYTES.key(), tokenizer.bytes()));
            out.add(new Tuple2<>(CorpusStat.INVALID_UTF8.key(), tokenizer.invalidUtf8()));
            out.add(new Tuple2<>(CorpusStat.DROPPED_LONG_TOKENS.key(), tokenizer.droppedLongTokens()));
            out.add(new Tuple2<>(CorpusStat.SPLIT_LINES.key(), splitLines));
            return out;
        }
    }
}
