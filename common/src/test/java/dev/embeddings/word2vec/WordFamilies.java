package dev.embeddings.word2vec;

import dev.embeddings.subword.FastTextModel;
import dev.embeddings.subword.SubwordRows;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny corpus of word families for subword training: the forms of a stem ({@code walk}, {@code walks},
 * {@code walked}, {@code walking}) share their n-grams and their contexts (words of their family only), so an unseen
 * form or a misspelling composed from its n-grams falls among its family. Shared by the tests of training and of
 * what uses a trained subword model.
 */
public final class WordFamilies {

    public static final String[] STEMS = {"walk", "drum", "fix", "bloom"};
    public static final String[] SUFFIXES = {"", "s", "ed", "ing"};
    /** Context words of each family: letters no stem or suffix has, so they share no n-gram with the forms. */
    public static final String[][] CONTEXTS = {
        {"qhq", "qtq", "qvq", "cqc", "hqh"},
        {"zhz", "ztz", "zvz", "czc", "hzh"},
        {"php", "ptp", "pvp", "cpc", "hph"},
        {"jhj", "jtj", "jvj", "cjc", "hjh"},
    };
    public static final int DIM = 24;
    public static final int BUCKETS = 20_000;

    /** The vocabulary (most frequent first), the sentences as ids, and their tokens. */
    public record Corpus(Vocabulary vocabulary, List<int[]> sentences, long tokens) {
    }

    private WordFamilies() {
    }

    /** {@code count} sentences of 8 words, each of one family: its forms and its context words, drawn at random. */
    public static Corpus corpus(int count) {
        SplittableRandom random = new SplittableRandom(11);
        List<String[]> text = new ArrayList<>();
        Map<String, Long> counts = new HashMap<>();
        for (int s = 0; s < count; s++) {
            int family = random.nextInt(STEMS.length);
            String[] sentence = new String[8];
            for (int i = 0; i < sentence.length; i++) {
                sentence[i] = random.nextBoolean() ? STEMS[family] + SUFFIXES[random.nextInt(SUFFIXES.length)]
                        : CONTEXTS[family][random.nextInt(CONTEXTS[family].length)];
                counts.merge(sentence[i], 1L, Long::sum);
            }
            text.add(sentence);
        }
        Vocabulary vocabulary = Vocabulary.fromCounts(counts, 1, 0);
        List<int[]> sentences = new ArrayList<>();
        for (String[] sentence : text) {
            sentences.add(Arrays.stream(sentence).mapToInt(vocabulary::id).toArray());
        }
        return new Corpus(vocabulary, sentences, 8L * count);
    }

    /** Settings that learn the families: character n-grams of 3 to 6, no subsampling, one thread. */
    public static Word2VecConfig.Builder config(Word2VecConfig.Architecture architecture, Word2VecConfig.Loss loss) {
        return Word2VecConfig.builder().model(architecture).loss(loss).dim(DIM).window(3).sample(0).epochs(5)
                .threads(1).seed(1).minn(3).maxn(6).buckets(BUCKETS);
    }

    public static Word2VecModel train(Corpus corpus, Word2VecConfig config) {
        Word2VecModel model = Word2VecModel.initialize(SubwordRows.of(
                corpus.vocabulary.words(), config.charNgrams()), config.dim(), config.loss(), config.seed());
        Word2VecTrainer trainer = new Word2VecTrainer(config, model, corpus.vocabulary.counts());
        try {
            trainer.trainEpochs(epoch -> List.of(SentenceSource.of(corpus.sentences, "families")), corpus.tokens,
                    ProgressListener.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }

    /** A skip-gram model trained on {@code sentences} sentences, as the fastText model word2vec writes. */
    public static FastTextModel fastText(int sentences) {
        Corpus corpus = corpus(sentences);
        Word2VecConfig config = config(Word2VecConfig.Architecture.SKIPGRAM, Word2VecConfig.Loss.NS).build();
        return FastTextExport.of(config, train(corpus, config), corpus.vocabulary.words(),
                corpus.vocabulary.counts(), 1, corpus.tokens);
    }

    /** The family a word belongs to, by its stem or its context letters. */
    public static int familyOf(String word) {
        for (int f = 0; f < STEMS.length; f++) {
            if (word.startsWith(STEMS[f]) || Arrays.asList(CONTEXTS[f]).contains(word)) {
                return f;
            }
        }
        throw new IllegalArgumentException(word);
    }

    public static boolean isContext(String word) {
        return Arrays.stream(CONTEXTS).anyMatch(c -> Arrays.asList(c).contains(word));
    }
}
