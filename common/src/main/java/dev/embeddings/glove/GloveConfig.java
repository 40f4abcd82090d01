package dev.embeddings.glove;

import dev.embeddings.config.Validation;

/**
 * Settings of a GloVe run: co-occurrence counting and training. The defaults, those of Stanford's GloVe demo, are
 * declared once, in {@link #defaults()}.
 *
 * @param dim                  vector dimension
 * @param window               context words counted on each side (left only when not symmetric)
 * @param symmetric            count right context too (X_ij and X_ji both incremented), as GloVe's default
 * @param xMax                 count at which the weighting function f reaches 1
 * @param alpha                exponent of f below xMax
 * @param epochs               passes over the co-occurrence entries
 * @param learningRate         AdaGrad initial learning rate of the vectors (GloVe's eta; biases step at rate 1, as
 *                             glove.c's: see {@link GloveStep})
 * @param gradClip             bound on each vector gradient component before lr scales it, as GloVe's grad-clip
 *                             (guards blow-ups)
 * @param threads              Hogwild training threads
 * @param seed                 seed of initialisation and per-epoch shuffles
 * @param output               which parameters form the output vectors
 * @param cooccurrenceBufferMb memory of one co-occurrence counter's hash map before it spills its partial sums
 */
public record GloveConfig(int dim, int window, boolean symmetric, double xMax, double alpha, int epochs,
                          double learningRate, double gradClip, int threads, long seed, OutputVectors output,
                          int cooccurrenceBufferMb) implements java.io.Serializable {

    /** This config with another seed (each averaging worker and epoch draws its own shuffles). */
    public GloveConfig withSeed(long newSeed) {
        return new GloveConfig(dim, window, symmetric, xMax, alpha, epochs, learningRate, gradClip, threads, newSeed,
                output, cooccurrenceBufferMb);
    }

    public static GloveConfig defaults() {
        return new GloveConfig(100, 10, true, 100.0, 0.75, 15, 0.05, 100.0,
                Runtime.getRuntime().availableProcessors(), 1L, OutputVectors.WORD_PLUS_CONTEXT, 256);
    }

    /** Returns this config, or throws naming the first parameter out of its allowed range. */
    public GloveConfig validate() {
        Validation.range("dim", dim, 1, 10_000);
        Validation.range("window", window, 1, 1_000);
        Validation.positiveFinite("xMax", xMax);
        Validation.positiveFinite("alpha", alpha);
        Validation.range("epochs", epochs, 1, 100_000);
        Validation.positiveFinite("learningRate", learningRate);
        Validation.positiveFinite("gradClip", gradClip);
        Validation.range("threads", threads, 1, 4_096);
        if (output == null) {
            throw new IllegalArgumentException("output must be WORD_PLUS_CONTEXT or WORD, got null");
        }
        Validation.range("cooccurrenceBufferMb", cooccurrenceBufferMb, 1, 16_384);
        return this;
    }
}
