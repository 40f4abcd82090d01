package dev.embeddings.report;

import java.util.Locale;

/** Escaping, number formatting, style and small pieces shared by the HTML reports and their SVG. */
public final class Html {

    /** The pages' shared style sheet. */
    static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d2330;\
            margin:24px auto;max-width:1140px;padding:0 16px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d8dce4;\
            padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
            .sub{color:#5b6475;margin:0 0 12px}.note{color:#5b6475}
            .cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #d8dce4;border-radius:6px;\
            padding:8px 12px;min-width:120px}.card b{display:block;font-size:18px}.card span{color:#5b6475;font-size:12px}
            table{border-collapse:collapse;margin:4px 0 8px}td,th{padding:3px 10px;border-bottom:1px solid #eceef2;\
            text-align:left;vertical-align:top}th{background:#f5f6f8}td.n{text-align:right;\
            font-variant-numeric:tabular-nums}code{font-size:12px}
            .charts{display:flex;flex-wrap:wrap;gap:16px}svg{max-width:100%;height:auto;background:#fff}
            svg text{font-family:inherit}.title{font-size:13px;font-weight:600}.tick{font-size:11px;fill:#5b6475}
            .axis-title{font-size:12px;fill:#1d2330}.grid{stroke:#eceef2}.axis{stroke:#9aa3b2}
            .series{fill:none;stroke:#2f6fde;stroke-width:2}.marker{fill:#2f6fde}
            .scatter{border:1px solid #d8dce4}.point{fill:#d9534f}.label{font-size:10px;fill:#1d2330;opacity:.85}
            """;

    private Html() {
    }

    /** The page's head (title, style) and its title as the first heading. */
    public static StringBuilder head(StringBuilder html, String title) {
        return html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
    }

    /** A headline figure with its label. */
    public static void card(StringBuilder html, String value, String label) {
        html.append("<div class=\"card\"><b>").append(escape(value)).append("</b><span>").append(escape(label))
                .append("</span></div>\n");
    }

    /** A right-aligned table cell. */
    public static String cell(String number) {
        return "<td class=\"n\">" + escape(number) + "</td>";
    }

    /** {@code text} safe inside an element or a quoted attribute. */
    public static String escape(Object text) {
        String s = String.valueOf(text);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A number for people: integers (and large whole values) with thousands separators, others with four
     * significant digits; anything else as text. Null shows as a dash.
     */
    public static String number(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof Integer || value instanceof Long) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                return String.valueOf(d);
            }
            if (Math.abs(d) >= 1000) {
                return String.format(Locale.ROOT, "%,.0f", d);
            }
            return d == 0 ? "0" : String.format(Locale.ROOT, "%.4g", d).replaceFirst("(\\.\\d*?)0+$", "$1")
                    .replaceFirst("\\.$", "");
        }
        return String.valueOf(value);
    }

    /** A fraction as a percentage with two decimals. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** A coordinate in SVG: one decimal is plenty and keeps the file small. */
    static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
