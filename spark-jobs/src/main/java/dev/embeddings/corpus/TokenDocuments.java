package dev.embeddings.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import scala.Tuple2;

/**
 * The corpus job's two passes over documents already tokenized ({@link CorpusJob#runOnTokens}):
 * a document's word counts with its statistics as {@link CorpusStat} keys, and its ids. A token is usable when it
 * is not null or empty, not longer than the job's maximum, and does not start with U+0000 (the statistics' keys).
 */
final class TokenDocuments {

    private TokenDocuments() {
    }

    /** One (token, 1) per usable token, then the document's line, document, token and dropped-token counts. */
    static List<Tuple2<String, Long>> counts(String[] document, int maxTokenLength) {
        List<Tuple2<String, Long>> out = new ArrayList<>(document.length + 4);
        long tokens = 0;
        long dropped = 0;
        for (String token : document) {
            if (token == null || token.isEmpty() || CorpusStat.isStat(token)) {
                continue;
            }
            if (token.length() > maxTokenLength) {
                dropped++;
                continue;
            }
            out.add(new Tuple2<>(token, 1L));
            tokens++;
        }
        out.add(new Tuple2<>(CorpusStat.LINES.key(), 1L));
        out.add(new Tuple2<>(CorpusStat.DOCUMENTS.key(), tokens > 0 ? 1L : 0L));
        out.add(new Tuple2<>(CorpusStat.TOKENS.key(), tokens));
        out.add(new Tuple2<>(CorpusStat.DROPPED_LONG_TOKENS.key(), dropped));
        return out;
    }

    /** The ids of the document's words in {@code ids}, as one sentence; none when no token is in the vocabulary. */
    static List<int[]> encode(String[] document, Map<String, Integer> ids) {
        int[] sentence = new int[document.length];
        int length = 0;
        for (String token : document) {
            Integer id = token == null ? null : ids.get(token);
            if (id != null) {
                sentence[length++] = id;
            }
        }
        return length == 0 ? List.of() : List.of(Arrays.copyOf(sentence, length));
    }
}
