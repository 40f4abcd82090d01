package dev.embeddings.tune;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What each objective accepts before a search starts: its own dev sets, none of another's, no test set. */
class ObjectiveTest {

    private static String refusal(Objective objective, List<String> analogy, List<String> similarity, String task,
            String taskDev) {
        return assertThrows(IllegalArgumentException.class,
                () -> objective.requireDevSets(analogy, similarity, task, taskDev)).getMessage();
    }

    @Test
    void finetuneNeedsOneDownstreamTaskWhoseDevFileIsNoTestSet() {
        assertDoesNotThrow(() -> Objective.FINETUNE.requireDevSets(List.of(), List.of(), "sentiment",
                "/data/sentiment/dev.tsv"));
        assertEquals("--objective finetune needs a downstream task: --downstream NAME, its finetune options as "
                + "--config keys downstream.NAME.OPTION (task, train, dev, ...)",
                refusal(Objective.FINETUNE, List.of(), List.of(), null, null));
        assertEquals("--downstream sentiment: its dev file /data/test/sentiment-test.tsv looks like a test set (its "
                + "name contains \"test\"); tune scores on dev sets only, so that the test set stays unseen until "
                + "the final evaluation",
                refusal(Objective.FINETUNE, List.of(), List.of(), "sentiment", "/data/test/sentiment-test.tsv"));
        assertEquals("--analogy a.txt is not scored by --objective finetune; leave it out or score by its objective",
                refusal(Objective.FINETUNE, List.of("a.txt"), List.of(), "sentiment", "dev.tsv"));
    }

    @Test
    void aDownstreamTaskIsScoredByFinetuneAlone() {
        assertEquals("--downstream sentiment is not scored by --objective analogy; leave it out or score by its "
                + "objective", refusal(Objective.ANALOGY, List.of("a.txt"), List.of(), "sentiment", "dev.tsv"));
        assertEquals("--downstream sentiment is not scored by --objective similarity; leave it out or score by its "
                + "objective", refusal(Objective.SIMILARITY, List.of(), List.of("s.txt"), "sentiment", "dev.tsv"));
    }

    @Test
    void analogyAndSimilarityNeedTheirOwnDevSets() {
        assertDoesNotThrow(() -> Objective.ANALOGY.requireDevSets(List.of("dir/test-free/dev.txt"), List.of(), null,
                null));
        assertEquals("--objective similarity needs at least one --similarity dev set",
                refusal(Objective.SIMILARITY, List.of(), List.of(), null, null));
        assertEquals("--similarity s.txt is not scored by --objective analogy; leave it out or score by its objective",
                refusal(Objective.ANALOGY, List.of("a.txt"), List.of("s.txt"), null, null));
        assertEquals("--analogy analogies-TEST.txt looks like a test set (its name contains \"test\"); tune scores "
                + "on dev sets only, so that the test set stays unseen until the final evaluation",
                refusal(Objective.ANALOGY, List.of("analogies-TEST.txt"), List.of(), null, null));
    }
}
