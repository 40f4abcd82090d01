package dev.embeddings.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What a search found, for people: the trials' table, the best-so-far curve and the best configuration's file. */
public final class TuneSummary {

    /** The best configuration, as a {@code word2vec --config} file. */
    public static final String BEST_FILE = "best.properties";
    /** The trials' table as text. */
    public static final String TABLE_FILE = "trials.md";

    private TuneSummary() {
    }

    /**
     * The trials, the last rung's first and each rung's best first, as a Markdown table: one column per searched
     * parameter; the best trial marked with {@code *}.
     */
    public static String table(Search.Outcome outcome, List<String> names) {
        Optional<Trial> best = outcome.best();
        List<String> header = new ArrayList<>(List.of("trial", "rung", "epochs"));
        header.addAll(names);
        header.addAll(List.of("objective", "seconds", "status"));
        List<List<String>> rows = new ArrayList<>();
        for (Trial t : ranked(outcome.trials())) {
            List<String> row = new ArrayList<>(List.of((best.isPresent() && best.get().equals(t) ? "*" : "")
                    + t.id(), Integer.toString(t.rung()), Integer.toString(t.epochs())));
            names.forEach(name -> row.add(spelled(t.parameters().get(name))));
            row.add(t.completed() ? String.format(Locale.ROOT, "%.4f", t.objective()) : "—");
            row.add(String.format(Locale.ROOT, "%.1f", t.seconds()));
            row.add(t.completed() ? "completed" : "failed: " + t.error());
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (List<String> row : concat(header, rows)) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        appendRow(out, rule, widths);
        rows.forEach(row -> appendRow(out, row, widths));
        return out.toString();
    }

    /** The trials as the table lists them: the last rung's first, each rung's best first. */
    public static List<Trial> ranked(List<Trial> trials) {
        List<Trial> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingInt(Trial::rung).reversed().thenComparing(Halving.BEST_FIRST));
        return sorted;
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>(rows);
        all.add(header);
        return all;
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int c = 0; c < cells.size(); c++) {
            out.append(' ').append(String.format("%-" + widths[c] + "s", cells.get(c))).append(" |");
        }
        out.append('\n');
    }

    /**
     * The best-so-far curve over the search's cost: after each trial (in the order they finished), the epochs
     * trained so far ({@code [0]}) and the best objective any trial has scored ({@code [1]}, NaN before the first).
     */
    public static double[][] bestSoFar(List<Trial> trials) {
        double[] epochs = new double[trials.size()];
        double[] best = new double[trials.size()];
        long spent = 0;
        double top = Double.NaN;
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            spent += t.epochs();
            if (t.completed() && !(t.objective() <= top)) {
                top = t.objective();
            }
            epochs[i] = spent;
            best[i] = top;
        }
        return new double[][] {epochs, best};
    }

    /**
     * {@code best.properties}: the {@code word2vec} options the search ran with ({@code training}, by option name as
     * the command line spells them), the best trial's parameters and epochs in their place, so that
     * {@code word2vec --config best.properties} trains the configuration that won.
     */
    public static String bestProperties(Trial best, Map<String, String> training, Objective objective) {
        Map<String, String> settings = new LinkedHashMap<>(training);
        best.parameters().forEach((name, value) -> settings.put(name, spelled(value)));
        settings.put("epochs", Integer.toString(best.epochs()));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "# The best configuration of `embeddings tune`: trial %d, %s objective "
                + "%.4f on the dev sets at %d epochs.%n", best.id(), objective.name().toLowerCase(Locale.ROOT),
                best.objective(), best.epochs()));
        out.append("# Train it with: embeddings word2vec --config best.properties --corpus DIR --output DIR\n");
        settings.forEach((key, value) -> out.append(key).append(" = ").append(value).append('\n'));
        return out.toString();
    }

    /** A parameter's value as the command line spells it: 1e-4 rather than 1.0E-4. */
    public static String spelled(Object value) {
        return value instanceof Double d ? Double.toString(d).replace('E', 'e') : String.valueOf(value);
    }
}
