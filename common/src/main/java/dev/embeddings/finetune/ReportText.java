package dev.embeddings.finetune;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * scikit-learn's text layout of {@code classification_report} (digits = 2): right-aligned names as wide as the
 * longest name or "weighted avg", then precision, recall, f1-score and support in columns of 9; figures rounded as
 * Python rounds them (half to even on the exact binary value), so the text equals scikit-learn's.
 */
final class ReportText {

    private static final int DIGITS = 2;
    private static final String LONGEST_AVERAGE = "weighted avg";

    private ReportText() {
    }

    /** The rows, then {@code accuracy}, {@code macro avg} and {@code weighted avg}, as for single-label classes. */
    static String classification(Map<String, Prf> rows, double accuracy, long support, Prf macro, Prf weighted) {
        int width = width(rows);
        StringBuilder text = header(rows, width);
        line(text, width, "accuracy", "", "", number(accuracy), Long.toString(support));
        row(text, "macro avg", macro, width);
        row(text, "weighted avg", weighted, width);
        return text.toString();
    }

    /** The rows, then {@code micro avg}, {@code macro avg} and {@code weighted avg}, as seqeval prints entities. */
    static String entities(Map<String, Prf> rows, Prf micro, Prf macro, Prf weighted) {
        Map<String, Prf> averages = new LinkedHashMap<>();
        averages.put("micro avg", micro);
        averages.put("macro avg", macro);
        averages.put(LONGEST_AVERAGE, weighted);
        int width = width(rows);
        StringBuilder text = header(rows, width);
        averages.forEach((name, prf) -> row(text, name, prf, width));
        return text.toString();
    }

    private static int width(Map<String, Prf> rows) {
        int width = Math.max(LONGEST_AVERAGE.length(), DIGITS);
        for (String name : rows.keySet()) {
            width = Math.max(width, name.codePointCount(0, name.length()));
        }
        return width;
    }

    /** The column heads, a blank line, the rows and a blank line. */
    private static StringBuilder header(Map<String, Prf> rows, int width) {
        StringBuilder text = new StringBuilder();
        line(text, width, "", "precision", "recall", "f1-score", "support").append('\n');
        rows.forEach((name, prf) -> row(text, name, prf, width));
        return text.append('\n');
    }

    private static void row(StringBuilder text, String name, Prf prf, int width) {
        line(text, width, name, number(prf.precision()), number(prf.recall()), number(prf.f1()),
                Long.toString(prf.support()));
    }

    /** The name right-aligned in {@code width}, a space, then each cell after a space, right-aligned in 9. */
    private static StringBuilder line(StringBuilder text, int width, String name, String... cells) {
        text.append(pad(name, width)).append(' ');
        for (String cell : cells) {
            text.append(' ').append(pad(cell, 9));
        }
        return text.append('\n');
    }

    private static String number(double value) {
        return new BigDecimal(value).setScale(DIGITS, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code text} right-aligned in {@code width} characters (code points), as Python's {@code :>width}. */
    private static String pad(String text, int width) {
        int length = text.codePointCount(0, text.length());
        return length >= width ? text : " ".repeat(width - length) + text;
    }
}
