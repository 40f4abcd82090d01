package dev.embeddings.report;

import static dev.embeddings.report.Html.card;
import static dev.embeddings.report.Html.cell;
import static dev.embeddings.report.Html.escape;
import static dev.embeddings.report.Html.number;
import static dev.embeddings.report.Html.percent;

import dev.embeddings.checkpoint.TrainingRound;
import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.eval.EvaluationReport;
import dev.embeddings.eval.SimilarityResult;
import dev.embeddings.manifest.TrainingMetrics;
import dev.embeddings.manifest.VectorsManifest;
import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.vectors.Neighbour;
import dev.embeddings.vectors.WordVectors;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code report.html} of a training run: one self-contained page (inline CSS and SVG, no scripts, fonts or links
 * to fetch, so it opens offline and from an archive) with the run's parameters, corpus and timings, the training
 * curves, evaluation scores, nearest neighbours of frequent words and a PCA map of the most frequent words.
 */
public final class RunReport {

    public static final String FILE = "report.html";

    /** Words whose neighbours are listed: ranks 0, 1, 3, 7, 15... so both function and content words show. */
    private static final int NEIGHBOUR_QUERIES = 10;
    private static final int NEIGHBOURS = 8;
    /** Words on the PCA map: more would make the labels unreadable. */
    private static final int MAP_WORDS = 200;


    private RunReport() {
    }

    /** The page for a finished run; {@code scores} may be null when the vectors were not evaluated. */
    public static String render(VectorsManifest manifest, WordVectors vectors, EvaluationReport scores) {
        String title = manifest.job() + " vectors";
        StringBuilder html = Html.head(new StringBuilder(64 * 1024), title);
        html.append("<p class=\"sub\">")
                .append(escape(manifest.tool() + " " + manifest.version())).append(" · started ")
                .append(escape(toSeconds(manifest.started()))).append(" · finished ")
                .append(escape(toSeconds(manifest.finished())))
                .append("</p>\n");
        summary(html, manifest);
        training(html, manifest);
        evaluation(html, scores);
        neighbours(html, vectors);
        map(html, vectors);
        setup(html, manifest);
        return html.append("</body>\n</html>\n").toString();
    }

    /** An ISO instant without its fraction of a second; anything else as it is. */
    private static String toSeconds(String instant) {
        try {
            return Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (RuntimeException notAnInstant) {
            return String.valueOf(instant);
        }
    }

    private static void summary(StringBuilder html, VectorsManifest m) {
        TrainingMetrics metrics = metrics(m);
        html.append("<div class=\"cards\">\n");
        card(html, number(m.vocabularySize()), "words");
        card(html, number(m.dimension()), "dimensions");
        if (m.corpus() != null) {
            card(html, number(m.corpus().tokens()), "corpus tokens");
        }
        card(html, number(metrics.wordsTrained()), "words trained");
        card(html, number(metrics.trainingSeconds()), "training seconds");
        card(html, number(metrics.wordsPerSecond()), "words / second");
        card(html, number(metrics.finalLoss()), "final loss");
        html.append("</div>\n");
    }

    private static void training(StringBuilder html, VectorsManifest m) {
        html.append("<h2>Training</h2>\n");
        List<TrainingRound> history = metrics(m).history();
        if (history == null || history.isEmpty()) {
            html.append("<p class=\"note\">No training history in the manifest.</p>\n");
            return;
        }
        double[] x = column(history, p -> p.words() == null ? Double.NaN : p.words());
        String xTitle = "words trained";
        if (!allFinite(x)) {
            // A job that does not count words (or an older manifest): plot against the round instead.
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            xTitle = "averaging round";
        }
        html.append("<div class=\"charts\">\n");
        double[] loss = column(history, TrainingRound::loss);
        double[] speed = column(history, p -> p.wordsPerSecond() == null ? Double.NaN : p.wordsPerSecond());
        if (anyFinite(loss)) {
            html.append(LineChart.svg("Loss", xTitle, "loss", x, loss));
        }
        if (anyFinite(speed)) {
            html.append(LineChart.svg("Throughput", xTitle, "words / second", x, speed));
        }
        html.append("</div>\n<p class=\"note\">One point per averaging round (").append(history.size())
                .append(" rounds).</p>\n");
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyFinite(double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    private static double[] column(List<TrainingRound> history, ToDoubleFunction<TrainingRound> value) {
        return history.stream().mapToDouble(value).toArray();
    }

    private static void evaluation(StringBuilder html, EvaluationReport scores) {
        html.append("<h2>Evaluation</h2>\n");
        if (scores == null || scores.analogy().isEmpty() && scores.similarity().isEmpty()) {
            html.append("<p class=\"note\">Not evaluated. <code>embeddings report --vectors DIR --analogy FILE "
                    + "--similarity FILE</code> adds scores.</p>\n");
            return;
        }
        for (Map.Entry<String, AnalogyResult> set : scores.analogy().entrySet()) {
            AnalogyResult r = set.getValue();
            html.append("<h3>Analogies: ").append(escape(set.getKey())).append("</h3>\n<p>3CosAdd <b>")
                    .append(percent(r.accuracy())).append("</b> · 3CosMul ").append(percent(r.accuracyCosMul()))
                    .append(" · semantic ").append(percent(r.semantic())).append(" · syntactic ")
                    .append(percent(r.syntactic())).append(" · ").append(number(r.seen())).append(" of ")
                    .append(number(r.total())).append(" questions seen (").append(percent(r.coverage()))
                    .append(")</p>\n<table><tr><th>section</th><th>3CosAdd</th><th>3CosMul</th><th>seen</th>"
                            + "<th>total</th></tr>\n");
            r.sections().forEach((name, s) -> html.append("<tr><td>").append(escape(name)).append("</td>")
                    .append(cell(percent(s.accuracy()))).append(cell(percent(s.accuracyCosMul())))
                    .append(cell(number(s.seen()))).append(cell(number(s.total()))).append("</tr>\n"));
            html.append("</table>\n");
        }
        if (!scores.similarity().isEmpty()) {
            html.append("<h3>Word similarity</h3>\n<table><tr><th>set</th><th>Spearman</th><th>Pearson</th>"
                    + "<th>pairs</th><th>missing</th></tr>\n");
            for (Map.Entry<String, SimilarityResult> set : scores.similarity().entrySet()) {
                SimilarityResult r = set.getValue();
                html.append("<tr><td>").append(escape(set.getKey())).append("</td>").append(cell(number(r.spearman())))
                        .append(cell(number(r.pearson()))).append(cell(number(r.pairs())))
                        .append(cell(number(r.missing()))).append("</tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private static void neighbours(StringBuilder html, WordVectors vectors) {
        html.append("<h2>Nearest neighbours</h2>\n");
        if (vectors.size() < 2) {
            html.append("<p class=\"note\">Too few words.</p>\n");
            return;
        }
        html.append("<table><tr><th>rank</th><th>word</th><th>nearest by cosine similarity</th></tr>\n");
        for (int q = 0, rank = 0; q < NEIGHBOUR_QUERIES && rank < vectors.size(); q++, rank = 2 * rank + 1) {
            String word = vectors.word(rank);
            html.append("<tr><td class=\"n\">").append(rank + 1).append("</td><td><b>").append(escape(word))
                    .append("</b></td><td>");
            List<Neighbour> nearest = vectors.nearest(word, NEIGHBOURS);
            for (int i = 0; i < nearest.size(); i++) {
                Neighbour n = nearest.get(i);
                html.append(i == 0 ? "" : ", ").append(escape(n.word())).append(" <span class=\"note\">")
                        .append(String.format(Locale.ROOT, "%.3f", n.similarity())).append("</span>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void map(StringBuilder html, WordVectors vectors) {
        int n = Math.min(MAP_WORDS, vectors.size());
        html.append("<h2>Map of the ").append(n).append(" most frequent words</h2>\n");
        if (n < 3 || vectors.dimension() < 2) {
            html.append("<p class=\"note\">Too few words or dimensions for a map.</p>\n");
            return;
        }
        FloatMatrix rows = FloatMatrix.zeros(n, vectors.dimension());
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            // Unit vectors: the map should show cosine geometry, not word frequency (which drives vector length).
            vectors.unitVector(i, rows.segment(i), rows.offset(i));
            labels[i] = vectors.word(i);
        }
        Pca.Result pca = Pca.fit(rows, 2);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pca.projection()[i][0];
            y[i] = pca.projection()[i][1];
        }
        html.append("<p class=\"note\">Unit vectors projected on their first two principal components, which hold ")
                .append(percent(share(pca, 0))).append(" and ").append(percent(share(pca, 1)))
                .append(" of the variance.</p>\n")
                .append(ScatterPlot.svg("PCA map of the most frequent words", labels, x, y));
    }

    private static double share(Pca.Result pca, int component) {
        return pca.totalVariance() > 0 ? pca.variances()[component] / pca.totalVariance() : 0;
    }

    private static void setup(StringBuilder html, VectorsManifest m) {
        html.append("<h2>Parameters</h2>\n");
        table(html, m.parameters() == null ? Map.of() : m.parameters().byName());
        html.append("<h2>Corpus</h2>\n");
        if (m.corpus() == null) {
            html.append("<p class=\"note\">Not recorded.</p>\n");
        } else {
            Map<String, Object> corpus = new LinkedHashMap<>();
            corpus.put("path", m.corpus().path());
            corpus.put("tokens", m.corpus().tokens());
            corpus.put("manifest SHA-256", m.corpus().manifestSha256());
            table(html, corpus);
        }
        if (m.memory() != null) {
            html.append("<h2>Memory</h2>\n");
            table(html, m.memory().byName());
        }
        if (m.files() != null && !m.files().isEmpty()) {
            html.append("<h2>Files</h2>\n<table><tr><th>file</th><th>bytes</th><th>SHA-256</th></tr>\n");
            for (VectorsManifest.FileEntry f : m.files()) {
                html.append("<tr><td>").append(escape(f.name())).append("</td>").append(cell(number(f.bytes())))
                        .append("<td><code>").append(escape(f.sha256())).append("</code></td></tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private static void table(StringBuilder html, Map<String, ?> rows) {
        html.append("<table>\n");
        rows.forEach((key, value) -> html.append("<tr><th>").append(escape(key)).append("</th><td>")
                .append(escape(number(value))).append("</td></tr>\n"));
        html.append("</table>\n");
    }

    private static TrainingMetrics metrics(VectorsManifest m) {
        return m.metrics() == null ? TrainingMetrics.NONE : m.metrics();
    }
}
