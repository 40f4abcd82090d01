package dev.embeddings.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@code report.json} as one self-contained HTML page (no scripts, no external styles): the run's
 * settings, then per split its overall figures and its per-class or per-entity-type table.
 */
public final class ReportHtml {

    private static final List<String> BREAKDOWNS = List.of("per_class", "per_type");

    private ReportHtml() {
    }

    public static void write(Path reportJson, Path html) throws IOException {
        JsonNode report = new ObjectMapper().readTree(reportJson.toFile());
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append("Fine-tuning report</title>\n<style>body{font-family:sans-serif}table{border-collapse:"
                        + "collapse;margin-bottom:1em}td,th{border:1px solid #999;padding:2px 8px;text-align:right}"
                        + "th:first-child,td:first-child{text-align:left}</style></head><body>\n")
                .append("<h1>Fine-tuning report</h1>\n<p>model ").append(escape(report.path("model").asText()))
                .append(", embeddings ").append(escape(report.path("embeddings").asText()))
                .append(", best epoch ").append(report.path("training").path("best_epoch").asInt());
        JsonNode coverage = report.path("coverage");
        if (!coverage.isMissingNode()) {
            page.append(", vector coverage ").append(percent(coverage.path("token_share").asDouble()))
                    .append(" of training tokens");
            long composed = coverage.path("counts").path("tokens_composed").asLong();
            if (composed > 0) {
                page.append(" (").append(composed).append(" more tokens, ")
                        .append(coverage.path("counts").path("types_composed").asLong())
                        .append(" words, composed from subwords)");
            }
        }
        page.append("</p>\n");
        for (String split : List.of("dev", "test")) {
            if (report.has(split)) {
                appendSplit(page, split, report.get(split));
            }
        }
        Files.writeString(html, page.append("</body></html>\n"), StandardCharsets.UTF_8);
    }

    private static void appendSplit(StringBuilder page, String split, JsonNode figures) {
        page.append("<h2>").append(split).append("</h2>\n<table>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = figures.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNumber()) {
                page.append("<tr><th>").append(escape(e.getKey())).append("</th><td>").append(format(e.getValue()))
                        .append("</td></tr>\n");
            }
        }
        page.append("</table>\n");
        for (String breakdown : BREAKDOWNS) {
            if (figures.has(breakdown)) {
                appendBreakdown(page, figures.get(breakdown));
            }
        }
    }

    private static void appendBreakdown(StringBuilder page, JsonNode rows) {
        page.append("<table>\n<tr><th></th><th>precision</th><th>recall</th><th>f1</th><th>support</th></tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = rows.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> row = it.next();
            page.append("<tr><td>").append(escape(row.getKey())).append("</td>");
            for (String column : List.of("precision", "recall", "f1", "support")) {
                page.append("<td>").append(format(row.getValue().path(column))).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</table>\n");
    }

    /** Fractions as percentages, counts as they are. */
    private static String format(JsonNode value) {
        return value.isIntegralNumber() ? value.asText() : percent(value.asDouble());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
