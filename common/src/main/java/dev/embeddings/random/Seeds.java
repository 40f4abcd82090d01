package dev.embeddings.random;

/**
 * Seeds of independent random streams, derived by hashing. {@code new SplittableRandom(s)} and
 * {@code new SplittableRandom(s + k·γ)}, γ being its golden-ratio increment, draw the same numbers k apart, so a
 * seed made by arithmetic on the user's seed (seed·γ + thread, seed + γ·(epoch + 1)) can make two runs, or two
 * epochs, share their draws; a hashed seed does not.
 */
public final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** SplitMix64's output function: a bijection of longs that scatters neighbouring inputs. */
    public static long mix(long z) {
        z += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed of the stream that {@code path} (a worker, thread, epoch, round...) names under {@code seed}. */
    public static long derive(long seed, long... path) {
        long h = mix(seed);
        for (long part : path) {
            // Not mix(seed) ^ mix(part), which is symmetric: (seed 1, thread 2) would get (seed 2, thread 1)'s stream.
            h = mix(31 * h + part);
        }
        return h;
    }
}
