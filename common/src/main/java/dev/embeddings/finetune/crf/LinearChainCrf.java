package dev.embeddings.finetune.crf;

/**
 * A linear-chain conditional random field over {@code K} tags. A tag path {@code y} of a sentence of length
 * {@code L} scores {@code start[y0] + sum_t emission[t][y_t] + sum_t transition[y_(t-1)][y_t] + end[y_(L-1)]};
 * its probability is {@code exp(score) / Z}. Disallowed starts and transitions ({@link TagConstraints}) score minus
 * infinity exactly: sums skip them, so no path that uses one has any probability and Viterbi never returns one.
 *
 * <p>Arrays are row-major: {@code transitions[from * K + to]}; a sentence's emissions are {@code L x K} values at
 * {@code emissions[offset + t * K + k]}. Sums run in log space, in doubles.
 */
public final class LinearChainCrf {

    private final int tags;
    private final double[] transitions;
    private final double[] start;
    private final double[] end;
    private final TagConstraints constraints;

    /** Reads the arrays as they are when called; they are not copied. */
    public LinearChainCrf(double[] transitions, double[] start, double[] end, TagConstraints constraints) {
        this.tags = start.length;
        if (transitions.length != tags * tags || end.length != tags || constraints.tags() != tags) {
            throw new IllegalArgumentException("a CRF over " + tags + " tags needs " + tags * tags + " transitions and "
                    + tags + " end scores, got " + transitions.length + " and " + end.length);
        }
        this.transitions = transitions;
        this.start = start;
        this.end = end;
        this.constraints = constraints;
    }

    public int tags() {
        return tags;
    }

    /** The score of {@code path} (its first {@code length} tags); minus infinity if it is disallowed. */
    public double score(double[] emissions, int offset, int length, int[] path) {
        if (!constraints.allowsStart(path[0])) {
            return Double.NEGATIVE_INFINITY;
        }
        double score = start[path[0]] + emissions[offset + path[0]];
        for (int t = 1; t < length; t++) {
            if (!constraints.allows(path[t - 1], path[t])) {
                return Double.NEGATIVE_INFINITY;
            }
            score += transitions[path[t - 1] * tags + path[t]] + emissions[offset + t * tags + path[t]];
        }
        return score + end[path[length - 1]];
    }

    /** log Z, by the forward algorithm. */
    public double logPartition(double[] emissions, int offset, int length) {
        double[] alpha = forward(emissions, offset, length);
        return logPartition(alpha, length);
    }

    /**
     * The negative log-likelihood {@code log Z - score(gold)} of the gold path, whose gradients are added to the
     * gradient arrays (laid out as the parameters): with {@code p} the posterior marginals by forward-backward,
     * emission {@code p_t(k) - [gold_t = k]}, transition expected minus gold pair counts, start and end the first
     * and last tags' marginals minus the gold ones.
     *
     * @throws IllegalArgumentException if the gold path is disallowed (its likelihood is zero)
     */
    public double negLogLikelihood(double[] emissions, int offset, int length, int[] gold,
                                   double[] emissionGradient, double[] transitionGradient, double[] startGradient,
                                   double[] endGradient) {
        double goldScore = score(emissions, offset, length, gold);
        if (goldScore == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("gold tags are not a valid path: " + describe(gold, length));
        }
        double[] alpha = forward(emissions, offset, length);
        double[] beta = backward(emissions, offset, length);
        double logZ = logPartition(alpha, length);
        for (int t = 0; t < length; t++) {
            for (int k = 0; k < tags; k++) {
                double marginal = Math.exp(alpha[t * tags + k] + beta[t * tags + k] - logZ);
                emissionGradient[offset + t * tags + k] += marginal;
                if (t == 0) {
                    startGradient[k] += marginal;
                }
                if (t == length - 1) {
                    endGradient[k] += marginal;
                }
            }
        }
        for (int t = 1; t < length; t++) {
            for (int from = 0; from < tags; from++) {
                double a = alpha[(t - 1) * tags + from];
                for (int to = 0; to < tags; to++) {
                    if (constraints.allows(from, to)) {
                        transitionGradient[from * tags + to] += Math.exp(a + transitions[from * tags + to]
                                + emissions[offset + t * tags + to] + beta[t * tags + to] - logZ);
                    }
                }
            }
        }
        startGradient[gold[0]] -= 1;
        endGradient[gold[length - 1]] -= 1;
        for (int t = 0; t < length; t++) {
            emissionGradient[offset + t * tags + gold[t]] -= 1;
            if (t > 0) {
                transitionGradient[gold[t - 1] * tags + gold[t]] -= 1;
            }
        }
        return logZ - goldScore;
    }

    /** The best allowed path of the sentence, by Viterbi. */
    public int[] viterbi(double[] emissions, int offset, int length) {
        double[] best = new double[length * tags];
        int[] backPointer = new int[length * tags];
        for (int k = 0; k < tags; k++) {
            best[k] = constraints.allowsStart(k) ? start[k] + emissions[offset + k] : Double.NEGATIVE_INFINITY;
        }
        for (int t = 1; t < length; t++) {
            for (int to = 0; to < tags; to++) {
                double max = Double.NEGATIVE_INFINITY;
                int argMax = 0;
                for (int from = 0; from < tags; from++) {
                    double s = best[(t - 1) * tags + from];
                    if (constraints.allows(from, to) && s != Double.NEGATIVE_INFINITY) {
                        s += transitions[from * tags + to];
                        if (s > max) {
                            max = s;
                            argMax = from;
                        }
                    }
                }
                best[t * tags + to] = max + emissions[offset + t * tags + to];
                backPointer[t * tags + to] = argMax;
            }
        }
        int[] path = new int[length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < tags; k++) {
            double s = best[(length - 1) * tags + k] + end[k];
            if (s > max) {
                max = s;
                path[length - 1] = k;
            }
        }
        for (int t = length - 1; t > 0; t--) {
            path[t - 1] = backPointer[t * tags + path[t]];
        }
        return path;
    }

    /** alpha[t * K + k]: log of the summed scores of all allowed paths through tag k at t, emission t included. */
    private double[] forward(double[] emissions, int offset, int length) {
        double[] alpha = new double[length * tags];
        double[] terms = new double[tags];
        for (int k = 0; k < tags; k++) {
            alpha[k] = constraints.allowsStart(k) ? start[k] + emissions[offset + k] : Double.NEGATIVE_INFINITY;
        }
        for (int t = 1; t < length; t++) {
            for (int to = 0; to < tags; to++) {
                for (int from = 0; from < tags; from++) {
                    terms[from] = constraints.allows(from, to)
                            ? alpha[(t - 1) * tags + from] + transitions[from * tags + to] : Double.NEGATIVE_INFINITY;
                }
                alpha[t * tags + to] = logSumExp(terms) + emissions[offset + t * tags + to];
            }
        }
        return alpha;
    }

    /** beta[t * K + k]: log of the summed scores of all allowed continuations after tag k at t, end included. */
    private double[] backward(double[] emissions, int offset, int length) {
        double[] beta = new double[length * tags];
        double[] terms = new double[tags];
        System.arraycopy(end, 0, beta, (length - 1) * tags, tags);
        for (int t = length - 2; t >= 0; t--) {
            for (int from = 0; from < tags; from++) {
                for (int to = 0; to < tags; to++) {
                    terms[to] = constraints.allows(from, to) ? transitions[from * tags + to]
                            + emissions[offset + (t + 1) * tags + to] + beta[(t + 1) * tags + to]
                            : Double.NEGATIVE_INFINITY;
                }
                beta[t * tags + from] = logSumExp(terms);
            }
        }
        return beta;
    }

    private double logPartition(double[] alpha, int length) {
        double[] terms = new double[tags];
        for (int k = 0; k < tags; k++) {
            terms[k] = alpha[(length - 1) * tags + k] + end[k];
        }
        return logSumExp(terms);
    }

    static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    private String describe(int[] path, int length) {
        StringBuilder s = new StringBuilder();
        for (int t = 0; t < length; t++) {
            s.append(t == 0 ? "" : " ").append(constraints.name(path[t]));
        }
        return s.toString();
    }
}
