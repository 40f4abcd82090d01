package dev.embeddings.report;

import static dev.embeddings.report.Html.coordinate;
import static dev.embeddings.report.Html.escape;

import java.util.ArrayList;
import java.util.List;

/**
 * An inline SVG scatter plot of labelled points, both axes on one scale so distances are not distorted. Points
 * come in order of importance: where labels would collide, the earlier point keeps its label.
 */
final class ScatterPlot {

    private static final int WIDTH = 1100;
    private static final int MARGIN = 40;
    private static final int LABEL_DX = 4;
    /** Label extent at the stylesheet's 10px font, generous so near-misses count as overlaps. */
    private static final double LABEL_CHAR_WIDTH = 6;
    private static final double LABEL_HEIGHT = 11;

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
        List<double[]> placed = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            double px = MARGIN + (x[i] - xMin) * scale;
            double py = MARGIN + (yMax - y[i]) * scale;
            // Every point names its word on hover; a visible label only where it overlaps no earlier (more
            // frequent) word's label, since a pile of overprinted labels reads as none.
            svg.append("<circle class=\"point\" cx=\"").append(coordinate(px)).append("\" cy=\"")
                    .append(coordinate(py)).append("\" r=\"2.5\"><title>").append(escape(labels[i]))
                    .append("</title></circle>");
            double[] box = {px + LABEL_DX, py - LABEL_HEIGHT / 2, px + LABEL_DX + LABEL_CHAR_WIDTH
                    * labels[i].length(), py + LABEL_HEIGHT / 2};
            if (placed.stream().noneMatch(other -> overlap(box, other))) {
                placed.add(box);
                svg.append("<text class=\"label\" x=\"").append(coordinate(px)).append("\" y=\"")
                        .append(coordinate(py)).append("\" dx=\"").append(LABEL_DX).append("\" dy=\"3\">")
                        .append(escape(labels[i])).append("</text>");
            }
            svg.append('\n');
        }
        return svg.append("</svg>\n").toString();
    }

    private static boolean overlap(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
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
