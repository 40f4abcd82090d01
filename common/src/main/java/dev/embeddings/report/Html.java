package dev.embeddings.report;

import java.util.Locale;

/** Escaping and number formatting for the report's HTML and SVG. */
final class Html {

    private Html() {
    }

    /** {@code text} safe inside an element or a quoted attribute. */
    static String escape(Object text) {
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
    static String number(Object value) {
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
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** A coordinate in SVG: one decimal is plenty and keeps the file small. */
    static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
