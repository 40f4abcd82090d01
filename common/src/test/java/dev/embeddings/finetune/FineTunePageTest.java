package dev.embeddings.finetune;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fine-tuning page shows the typed report: the report tables, confusion matrices, history and settings. */
class FineTunePageTest {

    private static final LocalTrainer.Result TRAINING = new LocalTrainer.Result(2, 0.5, new double[] {0.25, 0.5}, 3);

    @Test
    void classificationPageHasTheReportTableAndConfusionMatrix() {
        FineTuneConfig config = FineTuneConfig.defaults(ModelKind.CNN, EmbeddingMode.FINE_TUNE);
        ClassificationReport dev = ClassificationReport.of(List.of("neg", "neg", "<pos>"),
                List.of("neg", "<pos>", "<pos>"));
        String html = FineTunePage.render(new FineTuneReport(config.model(), config.embeddings(), config,
                new Coverage(1, 2, 3, 4, 1, 1), TRAINING, dev, null));
        // Labels are escaped; figures as percentages; gold <pos> predicted <pos> once, neg predicted <pos> once.
        assertTrue(html.contains("<tr><td>&lt;pos&gt;</td><td class=\"n\">50.00%</td><td class=\"n\">100.00%</td>"
                + "<td class=\"n\">66.67%</td><td class=\"n\">1</td></tr>"), html);
        assertTrue(html.contains("<tr><th>accuracy</th><td></td><td></td><td class=\"n\">66.67%</td>"), html);
        assertTrue(html.contains("<tr><td>weighted avg</td>"), html);
        assertTrue(html.contains("training tokens composed from subwords (1 distinct words)"), html);
        assertTrue(html.contains("<tr><th>neg</th><td class=\"n\">1</td><td class=\"n\">1</td></tr>"), html);
        assertTrue(html.contains("<tr><td>2 (best)</td><td class=\"n\">50.00%</td></tr>"), html);
        assertTrue(html.contains("<th>optimizer.weight_decay</th><td>0.01</td>"), html);
        assertTrue(!html.contains("<h2>test</h2>"), "no test split, no test section");
    }

    @Test
    void nerPageHasEntityAndTokenTables() {
        EntityScorer scorer = new EntityScorer();
        scorer.add(List.of("B-PER", "I-PER", "O"), List.of("B-PER", "I-PER", "B-LOC"));
        FineTuneConfig config = FineTuneConfig.defaults(ModelKind.BILSTM, EmbeddingMode.STATIC);
        String html = FineTunePage.render(new FineTuneReport(config.model(), config.embeddings(), config, null,
                TRAINING, scorer.report(), scorer.report()));
        assertTrue(html.contains("<h2>test</h2>") && html.contains("test entity F1"), html);
        assertTrue(html.contains("<tr><td>micro avg</td><td class=\"n\">50.00%</td><td class=\"n\">100.00%</td>"),
                html);
        assertTrue(html.contains("<h3>Tokens</h3>") && html.contains("<tr><td>I-PER</td>"), html);
    }
}
