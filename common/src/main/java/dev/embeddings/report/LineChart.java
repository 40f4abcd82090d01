package dev.embeddings.report;

import static dev.embeddings.report.Html.coordinate;
import static dev.embeddings.report.Html.escape;

/** An inline SVG line chart of one series, with gridlines, tick labels and axis titles. */
public final class LineChart {

    private static final int WIDTH = 540;
    private static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 30;
    private static final int BOTTOM = 48;
    /** Above this many points, markers would merge into a smear; the line alone reads better. */
    private static final int MAX_MARKERS = 60;

    private LineChart() {
    }

    public static String svg(String title, String xTitle, String yTitle, double[] x, double[] y) {
        Axis xAxis = new Axis(x, LEFT, WIDTH - RIGHT);
        Axis yAxis = new Axis(y, HEIGHT - BOTTOM, TOP);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">\n");
        svg.append("<text class=\"title\" x=\"").append(LEFT).append("\" y=\"18\">").append(escape(title))
                .append("</text>\n");
        for (double tick : yAxis.ticks()) {
            String py = coordinate(yAxis.pixel(tick));
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(py).append("\" y2=\"").append(py).append("\"/>")
                    .append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(LEFT - 6).append("\" y=\"")
                    .append(py).append("\" dy=\"4\">").append(escape(yAxis.label(tick))).append("</text>\n");
        }
        for (double tick : xAxis.ticks()) {
            String px = coordinate(xAxis.pixel(tick));
            svg.append("<line class=\"axis\" x1=\"").append(px).append("\" x2=\"").append(px).append("\" y1=\"")
                    .append(HEIGHT - BOTTOM).append("\" y2=\"").append(HEIGHT - BOTTOM + 5).append("\"/>")
                    .append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(px).append("\" y=\"")
                    .append(HEIGHT - BOTTOM + 18).append("\">").append(escape(xAxis.label(tick)))
                    .append("</text>\n");
        }
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" y2=\"").append(HEIGHT - BOTTOM)
                .append("\"/>\n");
        svg.append("<text class=\"axis-title\" text-anchor=\"middle\" x=\"").append((LEFT + WIDTH - RIGHT) / 2)
                .append("\" y=\"").append(HEIGHT - 8).append("\">").append(escape(xTitle)).append("</text>\n");
        svg.append("<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(14 ")
                .append((TOP + HEIGHT - BOTTOM) / 2).append(") rotate(-90)\">").append(escape(yTitle))
                .append("</text>\n");
        StringBuilder points = new StringBuilder();
        StringBuilder markers = new StringBuilder();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                continue;
            }
            String px = coordinate(xAxis.pixel(x[i]));
            String py = coordinate(yAxis.pixel(y[i]));
            points.append(points.length() == 0 ? "" : " ").append(px).append(',').append(py);
            markers.append("<circle class=\"marker\" cx=\"").append(px).append("\" cy=\"").append(py)
                    .append("\" r=\"3\"/>");
        }
        svg.append("<polyline class=\"series\" points=\"").append(points).append("\"/>\n");
        if (x.length <= MAX_MARKERS) {
            svg.append(markers).append('\n');
        }
        return svg.append("</svg>\n").toString();
    }
}
