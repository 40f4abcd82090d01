package dev.embeddings.eval;

import dev.embeddings.eval.AnalogyQuestions.Question;
import dev.embeddings.formats.WordIndex;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.vectors.WordVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores analogy questions with 3CosAdd and 3CosMul (Levy and Goldberg 2014) the way word2vec's compute-accuracy
 * and evaluate_vectors.py do: candidates are the {@code restrict} most frequent words, matched case-insensitively
 * (a lower-cased form maps to its most frequent spelling); a question counts only if all four words are
 * candidates; the three question words are never an answer; an exact tie goes to the more frequent word.
 *
 * <p>With {@link OovWords#COMPOSE}, a question word a, b or c outside the whole vocabulary (not merely outside the
 * restricted candidates) gets the unit vector the subword model composes for it; it excludes no candidate. Such
 * questions are answered in the same pass and scored apart ({@link AnalogyResult.Composed}), so the in-vocabulary
 * figures stay those of {@link OovWords#SKIP}.
 *
 * <p>Cosine similarities come from one product per vocabulary tile between the distinct question words (a few
 * hundred for the Google set) and the tile, shared by every question; each question then only combines three rows
 * of that product. Tiles are spread over threads.
 */
public final class AnalogyEvaluator {

    /** Levy and Goldberg's epsilon, which keeps 3CosMul finite when cos(d, a) shifts to 0. */
    static final float COSMUL_EPSILON = 0.001f;
    /** Floats per similarity block and thread: the tile width adapts so the block stays cache-sized. */
    private static final int BLOCK_FLOATS = 1 << 18;

    private AnalogyEvaluator() {
    }

    public static AnalogyResult evaluate(WordVectors vectors, AnalogyQuestions set, AnalogyConfig config) {
        return evaluate(vectors, set, config, OovWords.DEFAULT);
    }

    public static AnalogyResult evaluate(WordVectors vectors, AnalogyQuestions set, AnalogyConfig config,
                                         OovWords oov) {
        config.validate();
        boolean compose = oov.composesFor(vectors);
        int vocabulary = Math.min(config.restrict(), vectors.size());
        // Composing needs to know the whole vocabulary: a word beyond the candidates is known, not composed. The
        // first spelling of a lower-cased form is the same either way, so the candidates' ids are too.
        int indexed = compose ? vectors.size() : vocabulary;
        WordIndex lowerCased = new WordIndex(indexed);
        for (int id = 0; id < indexed; id++) {
            lowerCased.putIfAbsent(EvalFiles.lower(vectors.word(id)), id);
        }
        Encoded questions = Encoded.of(set.questions(), lowerCased, vocabulary, compose ? vectors : null);
        Answers answers = questions.seen == 0 ? new Answers(0) : answer(vectors, questions, vocabulary, config);
        Tally inVocabulary = Tally.of(set, questions, answers, false);
        AnalogyResult.Composed composed = null;
        if (compose) {
            Tally all = Tally.of(set, questions, answers, true);
            composed = new AnalogyResult.Composed(all.accuracy(all.correctAdd), all.accuracy(all.correctMul),
                    all.group(false), all.group(true), all.seenAll, fraction(all.seenAll, all.totalAll),
                    all.seenAll - inVocabulary.seenAll, questions.composedUnits.length);
        }
        return inVocabulary.result(composed);
    }

    /**
     * The seen questions as ids, and the distinct words used as a, b or c, each given a row of the product. A
     * composed word has id -1 (it excludes no candidate) and its row's unit vector in {@link #composedUnits}.
     */
    private static final class Encoded {
        final int seen;
        /** Whether question i needs a composed word. */
        final boolean[] composed;
        /** The unit vector of each distinct composed word. */
        final float[][] composedUnits;
        final int[] a;
        final int[] b;
        final int[] c;
        final int[] d;
        final int[] section;
        /** Row of each question's a, b, c among {@link #rowWords}. */
        final int[] rowA;
        final int[] rowB;
        final int[] rowC;
        /** Per row, the vocabulary id of its word, or -1 - k for composed word k. */
        final int[] rowWords;

        private Encoded(int seen, int[][] ids, int[][] rows, int[] rowWords, boolean[] composed,
                        float[][] composedUnits) {
            this.seen = seen;
            this.composed = composed;
            this.composedUnits = composedUnits;
            this.a = ids[0];
            this.b = ids[1];
            this.c = ids[2];
            this.d = ids[3];
            this.section = ids[4];
            this.rowA = rows[0];
            this.rowB = rows[1];
            this.rowC = rows[2];
            this.rowWords = rowWords;
        }

        /**
         * @param composing the vectors whose subword model composes a, b and c outside the whole vocabulary (ids in
         *                  {@code lowerCased} at or past {@code vocabulary} are known but no candidates), or null
         */
        static Encoded of(List<Question> questions, WordIndex lowerCased, int vocabulary, WordVectors composing) {
            int[][] ids = new int[5][questions.size()];
            int[][] rows = new int[3][questions.size()];
            boolean[] composed = new boolean[questions.size()];
            int[] rowOf = new int[vocabulary];
            Arrays.fill(rowOf, -1);
            Map<String, Integer> composedRowOf = new HashMap<>();
            List<String> composedWords = new ArrayList<>();
            int[] rowWords = new int[16];
            int distinct = 0;
            int seen = 0;
            for (Question q : questions) {
                String[] text = {q.a(), q.b(), q.c(), q.d()};
                int[] words = new int[4];
                boolean answerable = true;
                for (int k = 0; k < 4 && answerable; k++) {
                    words[k] = lowerCased.get(text[k]);
                    boolean composable = k < 3 && words[k] < 0 && composing != null
                            && composing.hasVector(text[k]);
                    answerable = words[k] >= 0 && words[k] < vocabulary || composable;
                }
                if (!answerable) {
                    continue;
                }
                for (int k = 0; k < 4; k++) {
                    ids[k][seen] = words[k];
                }
                ids[4][seen] = q.section();
                for (int k = 0; k < 3; k++) {
                    int row;
                    if (words[k] >= 0) {
                        row = rowOf[words[k]];
                    } else {
                        composed[seen] = true;
                        row = composedRowOf.getOrDefault(text[k], -1);
                    }
                    if (row < 0) {
                        if (distinct == rowWords.length) {
                            rowWords = Arrays.copyOf(rowWords, 2 * distinct);
                        }
                        row = distinct++;
                        if (words[k] >= 0) {
                            rowWords[row] = words[k];
                            rowOf[words[k]] = row;
                        } else {
                            rowWords[row] = -1 - composedWords.size();
                            composedRowOf.put(text[k], row);
                            composedWords.add(text[k]);
                        }
                    }
                    rows[k][seen] = row;
                }
                seen++;
            }
            float[][] composedUnits = new float[composedWords.size()][];
            for (int w = 0; w < composedUnits.length; w++) {
                composedUnits[w] = composing.unitVector(composedWords.get(w));
            }
            return new Encoded(seen, ids, rows, Arrays.copyOf(rowWords, distinct), composed, composedUnits);
        }
    }

    /** Best candidate and its score per question, for both methods. */
    private static final class Answers {
        final int[] add;
        final float[] addScore;
        final int[] mul;
        final float[] mulScore;

        Answers(int questions) {
            add = new int[questions];
            mul = new int[questions];
            addScore = new float[questions];
            mulScore = new float[questions];
            Arrays.fill(add, -1);
            Arrays.fill(mul, -1);
            Arrays.fill(addScore, Float.NEGATIVE_INFINITY);
            Arrays.fill(mulScore, Float.NEGATIVE_INFINITY);
        }

        /** Keeps the better of this and {@code other} per question: higher score, then lower id. */
        void merge(Answers other) {
            for (int q = 0; q < add.length; q++) {
                if (better(other.addScore[q], other.add[q], addScore[q], add[q])) {
                    addScore[q] = other.addScore[q];
                    add[q] = other.add[q];
                }
                if (better(other.mulScore[q], other.mul[q], mulScore[q], mul[q])) {
                    mulScore[q] = other.mulScore[q];
                    mul[q] = other.mul[q];
                }
            }
        }

        private static boolean better(float score, int id, float bestScore, int bestId) {
            return id >= 0 && (score > bestScore || score == bestScore && (bestId < 0 || id < bestId));
        }
    }

    private static Answers answer(WordVectors vectors, Encoded questions, int vocabulary, AnalogyConfig config) {
        int rows = questions.rowWords.length;
        FloatMatrix queries = FloatMatrix.zeros(rows, vectors.dimension());
        for (int r = 0; r < rows; r++) {
            int word = questions.rowWords[r];
            if (word >= 0) {
                vectors.unitVector(word, queries.segment(r), queries.offset(r));
            } else {
                queries.setRow(r, questions.composedUnits[-1 - word], 0);
            }
        }
        int width = Math.max(16, Math.min(4096, BLOCK_FLOATS / rows));
        int tiles = (int) ((vocabulary + (long) width - 1) / width);
        int threads = Math.min(config.threads(), tiles);
        AtomicInteger nextTile = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Answers>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(() -> new TileWorker(vectors, questions, queries, width)
                        .run(nextTile, tiles, vocabulary)));
            }
            Answers answers = new Answers(questions.seen);
            for (Future<Answers> part : parts) {
                answers.merge(part.get());
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("analogy evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("analogy evaluation failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One thread's share: takes vocabulary tiles in turn and keeps its own best answers. */
    private static final class TileWorker {
        private final WordVectors vectors;
        private final Encoded q;
        private final FloatMatrix queries;
        private final int width;
        private final int dim;
        private final int rows;
        /** The tile's unit vectors transposed, dim x width, so the product's inner loop runs along a tile row. */
        private final float[] tile;
        private final float[] cos;
        /** (cos + 1) / 2: cosines shifted into [0, 1] for 3CosMul. */
        private final float[] shifted;
        /** 1 / (shifted + epsilon): 3CosMul's denominator, per row word rather than per question. */
        private final float[] inverse;
        private final float[] row;
        private final Answers best;

        TileWorker(WordVectors vectors, Encoded questions, FloatMatrix queries, int width) {
            this.vectors = vectors;
            this.q = questions;
            this.queries = queries;
            this.width = width;
            this.dim = vectors.dimension();
            this.rows = questions.rowWords.length;
            this.tile = new float[dim * width];
            this.cos = new float[rows * width];
            this.shifted = new float[rows * width];
            this.inverse = new float[rows * width];
            this.row = new float[dim];
            this.best = new Answers(questions.seen);
        }

        Answers run(AtomicInteger nextTile, int tiles, int vocabulary) {
            for (int t = nextTile.getAndIncrement(); t < tiles; t = nextTile.getAndIncrement()) {
                int start = t * width;
                int n = Math.min(width, vocabulary - start);
                loadTile(start, n);
                multiply(n);
                for (int question = 0; question < q.seen; question++) {
                    scan(question, start, n);
                }
            }
            return best;
        }

        private void loadTile(int start, int n) {
            for (int j = 0; j < n; j++) {
                vectors.unitVector(start + j, row, 0);
                for (int k = 0; k < dim; k++) {
                    tile[k * width + j] = row[k];
                }
            }
        }

        /**
         * cos[r][j] = queries[r] . tile column j, as row updates the JIT vectorises; four tile rows per pass, so each
         * output element is loaded and stored once per four multiply-adds.
         */
        private void multiply(int n) {
            for (int r = 0; r < rows; r++) {
                int out = r * width;
                float[] queryRow = queries.segment(r);
                int query = queries.offset(r);
                Arrays.fill(cos, out, out + n, 0f);
                int k = 0;
                for (; k + 3 < dim; k += 4) {
                    float x0 = queryRow[query + k];
                    float x1 = queryRow[query + k + 1];
                    float x2 = queryRow[query + k + 2];
                    float x3 = queryRow[query + k + 3];
                    int in0 = k * width;
                    int in1 = in0 + width;
                    int in2 = in1 + width;
                    int in3 = in2 + width;
                    for (int j = 0; j < n; j++) {
                        cos[out + j] += x0 * tile[in0 + j] + x1 * tile[in1 + j] + x2 * tile[in2 + j]
                                + x3 * tile[in3 + j];
                    }
                }
                for (; k < dim; k++) {
                    float x = queryRow[query + k];
                    int in = k * width;
                    for (int j = 0; j < n; j++) {
                        cos[out + j] += x * tile[in + j];
                    }
                }
                for (int j = out; j < out + n; j++) {
                    shifted[j] = (cos[j] + 1) * 0.5f;
                    inverse[j] = 1f / (shifted[j] + COSMUL_EPSILON);
                }
            }
        }

        private void scan(int question, int start, int n) {
            int a = q.rowA[question] * width;
            int b = q.rowB[question] * width;
            int c = q.rowC[question] * width;
            int ea = q.a[question] - start;
            int eb = q.b[question] - start;
            int ec = q.c[question] - start;
            float bestAdd = best.addScore[question];
            float bestMul = best.mulScore[question];
            int add = -1;
            int mul = -1;
            for (int j = 0; j < n; j++) {
                float cosAdd = cos[b + j] - cos[a + j] + cos[c + j];
                float cosMul = shifted[b + j] * shifted[c + j] * inverse[a + j];
                // Strictly greater, scanning upwards: the more frequent word wins a tie.
                if (cosAdd > bestAdd && j != ea && j != eb && j != ec) {
                    bestAdd = cosAdd;
                    add = j;
                }
                if (cosMul > bestMul && j != ea && j != eb && j != ec) {
                    bestMul = cosMul;
                    mul = j;
                }
            }
            if (add >= 0) {
                best.addScore[question] = bestAdd;
                best.add[question] = start + add;
            }
            if (mul >= 0) {
                best.mulScore[question] = bestMul;
                best.mul[question] = start + mul;
            }
        }
    }

    /** Per-section counts of the questions seen and answered right, over the in-vocabulary or all seen ones. */
    private static final class Tally {
        final int[] total;
        final int[] seen;
        final int[] correctAdd;
        final int[] correctMul;
        final List<String> sections;
        int seenAll;
        int totalAll;

        private Tally(List<String> sections) {
            this.sections = sections;
            total = new int[sections.size()];
            seen = new int[sections.size()];
            correctAdd = new int[sections.size()];
            correctMul = new int[sections.size()];
        }

        /** @param withComposed whether the questions that need a composed word count */
        static Tally of(AnalogyQuestions set, Encoded questions, Answers answers, boolean withComposed) {
            Tally tally = new Tally(set.sections());
            for (Question question : set.questions()) {
                tally.total[question.section()]++;
            }
            for (int i = 0; i < questions.seen; i++) {
                if (questions.composed[i] && !withComposed) {
                    continue;
                }
                int s = questions.section[i];
                tally.seen[s]++;
                tally.correctAdd[s] += answers.add[i] == questions.d[i] ? 1 : 0;
                tally.correctMul[s] += answers.mul[i] == questions.d[i] ? 1 : 0;
                tally.seenAll++;
            }
            tally.totalAll = set.questions().size();
            return tally;
        }

        /** Accuracy over every section of {@code correct}, one of the correct-answer counts. */
        double accuracy(int[] correct) {
            return fraction(Arrays.stream(correct).sum(), seenAll);
        }

        /** 3CosAdd accuracy over the syntactic ({@code gram}) sections or the semantic ones. */
        double group(boolean syntactic) {
            int correct = 0;
            int seenInGroup = 0;
            for (int s = 0; s < sections.size(); s++) {
                if (AnalogyQuestions.isSyntactic(sections.get(s)) == syntactic) {
                    correct += correctAdd[s];
                    seenInGroup += seen[s];
                }
            }
            return fraction(correct, seenInGroup);
        }

        AnalogyResult result(AnalogyResult.Composed composed) {
            Map<String, AnalogyResult.Section> bySection = new LinkedHashMap<>();
            for (int s = 0; s < sections.size(); s++) {
                bySection.put(sections.get(s), new AnalogyResult.Section(fraction(correctAdd[s], seen[s]),
                        fraction(correctMul[s], seen[s]), seen[s], total[s]));
            }
            return new AnalogyResult(accuracy(correctAdd), accuracy(correctMul), group(false), group(true), seenAll,
                    totalAll, fraction(seenAll, totalAll), bySection, composed);
        }
    }

    /** {@code part / whole}, 0 when {@code whole} is 0 (evaluate_vectors.py's {@code max(1, whole)}). */
    private static double fraction(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
