package dev.embeddings.subword;

import dev.embeddings.matrix.SegmentedMatrices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small models with Gaussian matrices, for the round trips and the comparisons with fastText and gensim. */
final class SubwordModels {

    /** Words most frequent first, as fastText orders them: the end of sentence, ASCII, Latin, CJK, an emoji. */
    static final String[] WORDS = {"</s>", "the", "where", "café", "straße", "日本語", "😀", "naïve", "of", "a"};

    private SubwordModels() {
    }

    /** A skipgram model of {@link #WORDS} with {@code bucket} n-gram rows; values drawn from {@code seed}. */
    static FastTextModel random(int dim, int minn, int maxn, int bucket, long seed) {
        return random(FastTextArgs.skipgram(dim, minn, maxn, bucket), WORDS, seed);
    }

    static FastTextModel random(FastTextArgs args, String[] words, long seed) {
        return new FastTextModel(args, dictionary(words),
                SegmentedMatrices.gaussian(words.length + args.bucket(), args.dim(), seed),
                SegmentedMatrices.gaussian(words.length, args.dim(), seed + 1));
    }

    /** {@code words} with counts that fall from first to last. */
    static FastTextDictionary dictionary(String[] words) {
        long[] counts = new long[words.length];
        long ntokens = 0;
        for (int i = 0; i < words.length; i++) {
            counts[i] = 10L * (words.length - i);
            ntokens += counts[i];
        }
        return new FastTextDictionary(words, counts, ntokens);
    }

    /** The bytes {@link FastTextBinary#write} writes for {@code model}. */
    static byte[] bytes(FastTextModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            FastTextBinary.write(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
