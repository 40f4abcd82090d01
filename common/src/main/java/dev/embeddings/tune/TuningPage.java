package dev.embeddings.tune;

import static dev.embeddings.report.Html.card;
import static dev.embeddings.report.Html.cell;
import static dev.embeddings.report.Html.escape;
import static dev.embeddings.report.Html.number;

import dev.embeddings.report.Html;
import dev.embeddings.report.LineChart;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code report.html} of a hyper-parameter search: the headline figures, the best-so-far curve over the epochs
 * trained, and every trial, the last rung's first.
 */
public final class TuningPage {

    public static final String FILE = "report.html";

    private TuningPage() {
    }

    public static String render(Search.Outcome outcome, List<String> names, Objective objective) {
        String objectiveName = objective.name().toLowerCase(Locale.ROOT);
        StringBuilder html = Html.head(new StringBuilder(16 * 1024), "Hyper-parameter search");
        html.append("<p class=\"sub\">objective ").append(escape(objectiveName)).append(" on the dev sets · ")
                .append(escape(String.join(", ", names))).append(" searched</p>\n<div class=\"cards\">\n");
        Optional<Trial> best = outcome.best();
        card(html, best.map(t -> String.format(Locale.ROOT, "%.4f", t.objective())).orElse("—"),
                "best objective" + best.map(t -> " (trial " + t.id() + ", " + t.epochs() + " epochs)").orElse(""));
        card(html, number(outcome.trials().size()), "trials run (all rungs)");
        card(html, number(outcome.trialEpochs()), "trial-epochs trained");
        html.append("</div>\n<h2>Best so far</h2>\n");
        double[][] curve = TuneSummary.bestSoFar(outcome.trials());
        html.append(LineChart.svg("Best objective so far", "epochs trained, all trials", objectiveName, curve[0],
                curve[1]));
        html.append("<h2>Trials</h2>\n<table>\n<tr><th>trial</th><th>rung</th><th>epochs</th>");
        names.forEach(name -> html.append("<th>").append(escape(name)).append("</th>"));
        html.append("<th>objective</th><th>seconds</th><th>status</th></tr>\n");
        for (Trial t : TuneSummary.ranked(outcome.trials())) {
            html.append("<tr>").append(cell((best.isPresent() && best.get().equals(t) ? "* " : "") + t.id()))
                    .append(cell(Integer.toString(t.rung()))).append(cell(Integer.toString(t.epochs())));
            names.forEach(name -> html.append(cell(TuneSummary.spelled(t.parameters().get(name)))));
            html.append(cell(t.completed() ? String.format(Locale.ROOT, "%.4f", t.objective()) : "—"))
                    .append(cell(number(t.seconds()))).append("<td>")
                    .append(escape(t.completed() ? "completed" : "failed: " + t.error())).append("</td></tr>\n");
        }
        return html.append("</table>\n</body>\n</html>\n").toString();
    }
}
