package dev.embeddings.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScatterPlotTest {

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aLabelThatWouldOverprintAnEarlierOneIsLeftToTheHoverTitle() {
        String svg = ScatterPlot.svg("t", new String[] {"first", "second", "far"}, new double[] {0, 0.0001, 10},
                new double[] {0, 0, 10});
        assertEquals(3, count(svg, "<circle"));
        assertEquals(3, count(svg, "<title>"));
        assertTrue(svg.contains(">first</text>") && svg.contains(">far</text>"), svg);
        assertEquals(2, count(svg, "</text>"), "'second' sits on 'first' and gets no visible label");
    }

    @Test
    void bothAxesShareOneScale() {
        // A spread of 10 across and 5 down keeps its 2:1 shape.
        String svg = ScatterPlot.svg("t", new String[] {"a", "b"}, new double[] {0, 10}, new double[] {0, 5});
        Matcher cx = Pattern.compile("cx=\"([\\d.]+)\" cy=\"([\\d.]+)\"").matcher(svg);
        assertTrue(cx.find());
        double x0 = Double.parseDouble(cx.group(1));
        double y0 = Double.parseDouble(cx.group(2));
        assertTrue(cx.find());
        double x1 = Double.parseDouble(cx.group(1));
        double y1 = Double.parseDouble(cx.group(2));
        assertEquals(2, (x1 - x0) / (y0 - y1), 0.01);
    }
}
