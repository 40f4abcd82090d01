package dev.embeddings.finetune;

import static dev.embeddings.report.Html.card;
import static dev.embeddings.report.Html.cell;
import static dev.embeddings.report.Html.escape;
import static dev.embeddings.report.Html.number;
import static dev.embeddings.report.Html.percent;

import dev.embeddings.io.Json;
import dev.embeddings.report.Html;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code report.html} of a fine-tuning run, from its {@link FineTuneReport}: one self-contained page with the
 * headline figures, per split scikit-learn's classification report as a table (per class or entity type, then the
 * averages) and the confusion matrix (for NER, of the tags), the training history and every setting.
 */
public final class FineTunePage {

    public static final String FILE = "report.html";

    private FineTunePage() {
    }

    public static String render(FineTuneReport report) {
        StringBuilder html = Html.head(new StringBuilder(16 * 1024), "Fine-tuning report");
        html.append("<p class=\"sub\">model ").append(escape(report.model())).append(" · embeddings ")
                .append(escape(report.embeddings())).append("</p>\n<div class=\"cards\">\n");
        card(html, percent(report.dev().headline()), report.dev() instanceof EntityReport ? "dev entity F1"
                : "dev accuracy");
        if (report.test() != null) {
            card(html, percent(report.test().headline()), report.test() instanceof EntityReport ? "test entity F1"
                    : "test accuracy");
        }
        card(html, number(report.training().bestEpoch()), "best epoch");
        card(html, number(report.training().meanEpochSeconds()), "seconds per epoch");
        if (report.coverage() != null) {
            card(html, percent(report.coverage().tokenShare()), "training tokens with a vector");
            if (report.coverage().tokensComposed() > 0) {
                card(html, number(report.coverage().tokensComposed()), "training tokens composed from subwords ("
                        + report.coverage().typesComposed() + " distinct words)");
            }
        }
        html.append("</div>\n");
        split(html, "dev", report.dev());
        if (report.test() != null) {
            split(html, "test", report.test());
        }
        training(html, report);
        html.append("<h2>Settings</h2>\n");
        settings(html, Json.MAPPER.convertValue(report.settings(), Map.class));
        return html.append("</body>\n</html>\n").toString();
    }

    private static void split(StringBuilder html, String name, TaskReport report) {
        html.append("<h2>").append(escape(name)).append("</h2>\n");
        if (report instanceof EntityReport e) {
            html.append("<h3>Entities (conlleval: exact boundaries and type)</h3>\n");
            Map<String, Prf> averages = new LinkedHashMap<>();
            averages.put("micro avg", e.microAvg());
            averages.put("macro avg", e.macroAvg());
            averages.put("weighted avg", e.weightedAvg());
            table(html, e.perType(), null, averages);
            html.append("<h3>Tokens</h3>\n");
            classification(html, e.tokens());
        } else if (report instanceof ClassificationReport c) {
            classification(html, c);
        }
    }

    private static void classification(StringBuilder html, ClassificationReport c) {
        Map<String, Prf> averages = new LinkedHashMap<>();
        averages.put("macro avg", c.macroAvg());
        averages.put("weighted avg", c.weightedAvg());
        table(html, c.perClass(), c, averages);
        confusion(html, c.confusionMatrix());
    }

    /** scikit-learn's layout: the rows, accuracy if given, the averages; figures as percentages. */
    private static void table(StringBuilder html, Map<String, Prf> rows, ClassificationReport accuracy,
                              Map<String, Prf> averages) {
        html.append("<table>\n<tr><th></th><th>precision</th><th>recall</th><th>f1-score</th><th>support</th></tr>\n");
        rows.forEach((label, prf) -> row(html, label, prf));
        if (accuracy != null) {
            html.append("<tr><th>accuracy</th><td></td><td></td>").append(cell(percent(accuracy.accuracy())))
                    .append(cell(number(accuracy.support()))).append("</tr>\n");
        }
        averages.forEach((label, prf) -> row(html, label, prf));
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String label, Prf prf) {
        html.append("<tr><td>").append(escape(label)).append("</td>").append(cell(percent(prf.precision())))
                .append(cell(percent(prf.recall()))).append(cell(percent(prf.f1())))
                .append(cell(number(prf.support()))).append("</tr>\n");
    }

    private static void confusion(StringBuilder html, ConfusionMatrix m) {
        html.append("<p class=\"note\">Confusion matrix: rows gold, columns predicted.</p>\n<table>\n<tr><th></th>");
        m.labels().forEach(label -> html.append("<th>").append(escape(label)).append("</th>"));
        html.append("</tr>\n");
        for (int g = 0; g < m.labels().size(); g++) {
            html.append("<tr><th>").append(escape(m.labels().get(g))).append("</th>");
            for (int p = 0; p < m.labels().size(); p++) {
                html.append(cell(number(m.count(g, p))));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void training(StringBuilder html, FineTuneReport report) {
        double[] scores = report.training().devScores();
        html.append("<h2>Training</h2>\n<table>\n<tr><th>epoch</th><th>dev score</th></tr>\n");
        for (int i = 0; i < scores.length; i++) {
            html.append("<tr><td>").append(i + 1).append(i + 1 == report.training().bestEpoch() ? " (best)" : "")
                    .append("</td>").append(cell(percent(scores[i]))).append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** Nested settings (the optimiser's) flattened into one table. */
    private static void settings(StringBuilder html, Map<?, ?> settings) {
        html.append("<table>\n");
        flatten("", settings, html);
        html.append("</table>\n");
    }

    private static void flatten(String prefix, Map<?, ?> settings, StringBuilder html) {
        settings.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                flatten(prefix + key + ".", nested, html);
            } else {
                html.append("<tr><th>").append(escape(prefix + key)).append("</th><td>").append(escape(number(value)))
                        .append("</td></tr>\n");
            }
        });
    }
}
