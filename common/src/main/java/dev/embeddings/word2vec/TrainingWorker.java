package dev.embeddings.word2vec;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * One trainer thread: reads sentences from its own source, subsamples them, slides the dynamic window over them
 * and hands the examples to its {@link ExampleUpdater}, as word2vec.c's {@code TrainModelThread}.
 * Reports words and loss to the {@link TrainingRun} every {@value #REPORT_WORDS} words and refreshes the
 * learning rate every sentence; allocates only when a sentence is longer than any before.
 */
final class TrainingWorker implements Runnable {

    static final int REPORT_WORDS = 10_000;

    private final Word2VecConfig config;
    private final ExampleUpdater updater;
    private final Subsampler subsampler;
    private final int vocabularySize;
    private final SentenceSource source;
    private final SplittableRandom random;
    private final TrainingRun run;
    private final int[] contexts;
    private final boolean centrePredicts;
    private int[] sentence = new int[1024];
    private long sentencesRead;
    private long unreportedWords;

    /**
     * @param random the thread's random stream; {@code updater} must draw from the same one (determinism)
     */
    TrainingWorker(Word2VecConfig config, ExampleUpdater updater, Subsampler subsampler, int vocabularySize,
                   SentenceSource source, SplittableRandom random, TrainingRun run) {
        this.config = config;
        this.updater = updater;
        this.subsampler = subsampler;
        this.vocabularySize = vocabularySize;
        this.source = source;
        this.random = random;
        this.run = run;
        this.contexts = new int[2 * config.window()];
        this.centrePredicts = config.subwords();
    }

    @Override
    public void run() {
        try (source) {
            int length;
            while (!run.stopped() && (length = source.next()) >= 0) {
                int kept = subsample(source.ids(), length);
                unreportedWords += length;
                float lr = (float) run.learningRate(run.wordsReported() + unreportedWords);
                trainSentence(kept, lr);
                if (unreportedWords >= REPORT_WORDS) {
                    report();
                }
            }
            updater.flush();
            report();
        } catch (IOException | RuntimeException | Error e) {
            run.fail(e);
        }
    }

    private void report() {
        run.report(unreportedWords, updater.takeLoss(), updater.takePredictions());
        unreportedWords = 0;
    }

    /** Copies the words of the sentence that survive subsampling into {@link #sentence}; returns how many. */
    private int subsample(int[] ids, int length) {
        sentencesRead++;
        if (sentence.length < length) {
            sentence = new int[Math.max(length, 2 * sentence.length)];
        }
        boolean keepAll = config.sample() <= 0;
        int kept = 0;
        for (int i = 0; i < length; i++) {
            int word = ids[i];
            if (word < 0 || word >= vocabularySize) {
                throw new IllegalArgumentException(source.name() + ": word id " + word + " at position " + i
                        + " of sentence " + sentencesRead + " is outside the vocabulary of " + vocabularySize
                        + " words");
            }
            if (keepAll || subsampler.keep(word, random.nextDouble())) {
                sentence[kept++] = word;
            }
        }
        return kept;
    }

    /**
     * Slides the window over the sentence: around each word, a window shrunk by a random b in [0, window), as
     * word2vec.c, whose context words each predict the word (skip-gram) or together predict it (CBOW). With
     * subwords, skip-gram turns as fastText's does: the word predicts each context word, so the same pairs train
     * and a word's n-gram rows move with every window it centres.
     */
    private void trainSentence(int length, float lr) {
        int window = config.window();
        boolean skipGram = config.model() == Word2VecConfig.Architecture.SKIPGRAM;
        for (int pos = 0; pos < length; pos++) {
            int reach = window - random.nextInt(window);
            int from = Math.max(0, pos - reach);
            int to = Math.min(length - 1, pos + reach);
            if (skipGram) {
                trainSkipGram(pos, from, to, lr);
            } else {
                trainCbow(pos, from, to, lr);
            }
        }
    }

    private void trainSkipGram(int pos, int from, int to, float lr) {
        int word = sentence[pos];
        for (int c = from; c <= to; c++) {
            if (c == pos) {
                continue;
            }
            if (centrePredicts) {
                updater.skipGram(word, sentence[c], lr);
            } else {
                updater.skipGram(sentence[c], word, lr);
            }
        }
    }

    private void trainCbow(int pos, int from, int to, float lr) {
        int contextCount = 0;
        for (int c = from; c <= to; c++) {
            if (c != pos) {
                contexts[contextCount++] = sentence[c];
            }
        }
        if (contextCount > 0) {
            updater.cbow(contexts, contextCount, sentence[pos], lr);
        }
    }
}
