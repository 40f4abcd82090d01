package dev.embeddings.report;

import static dev.embeddings.report.Html.coordinate;
import static dev.embeddings.report.Html.escape;

/** An inline SVG scatter plot of labelled points, both axes on one scale so distances are not distorted. */
final class ScatterPlot {

    private static final int WIDTH = 1100;
    private static final int MARGIN = 40;

    private ScatterPlot() {
    }

    static String svg(String title, String[] labels, double[] x, double[] y) {
        double xSpan = span(x);
        double ySpan = span(y);
        double inner = WIDTH - 2 * MARGIN;
        // One scale for both axes: the wider spread fills the width, the height follows.
        double scale = inner / Math.max(Math.max(xSpan, ySpan), 1e-12);
        int height = (int) Math.ceil(Math.max(200, ySpan * scale + 2 * MARGIN));
        double xMin = min(x);
        double yMax = max(y);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"scatter\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">\n");
        for (int i = 0; i < labels.length; i++) {
            String px = coordinate(MARGIN + (x[i] - xMin) * scale);
            String py = coordinate(MARGIN + (yMax - y[i]) * scale);
            svg.append("<circle class=\"point\" cx=\"").append(px).append("\" cy=\"").append(py)
                    .append("\" r=\"2.5\"/><text class=\"label\" x=\"").append(px).append("\" y=\"").append(py)
                    .append("\" dx=\"4\" dy=\"3\">").append(escape(labels[i])).append("</text>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static double span(double[] values) {
        return max(values) - min(values);
    }

    private static double min(double[] values) {
        double m = values.length == 0 ? 0 : Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] values) {
        double m = values.length == 0 ? 0 : Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
