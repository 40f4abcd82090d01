package dev.embeddings.tune;

import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.eval.EvaluationReport;
import dev.embeddings.eval.SimilarityResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a trial is scored by on the dev sets; higher is better. */
public enum Objective {
    /** Mean 3CosAdd accuracy over the analogy dev sets (a fraction). */
    ANALOGY("--analogy", "at least one --analogy dev set"),
    /** Mean Spearman correlation over the similarity dev sets. */
    SIMILARITY("--similarity", "at least one --similarity dev set"),
    /**
     * The dev score (accuracy, or entity F1; a fraction) of a downstream task fine-tuned on the trial's vectors;
     * the task is {@code --downstream NAME}, its finetune options {@code --config} keys {@code downstream.NAME.OPTION}.
     */
    FINETUNE("--downstream", "a downstream task: --downstream NAME, its finetune options as --config keys "
            + "downstream.NAME.OPTION (task, train, dev, ...)");

    private final String option;
    private final String needs;

    Objective(String option, String needs) {
        this.option = option;
        this.needs = needs;
    }

    /**
     * Fails with one line unless what is given is this objective's own and nothing of another's: analogy and
     * similarity need at least one set of their option, finetune one downstream task. Every set scored must be a dev
     * set: a file whose name contains "test" is refused, so the test set stays unseen until the final evaluation.
     *
     * @param task    the {@code --downstream} task's name, or null when none is given
     * @param taskDev that task's dev file (null when {@code task} is)
     */
    public void requireDevSets(List<String> analogy, List<String> similarity, String task, String taskDev) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        given.put(ANALOGY.option, analogy);
        given.put(SIMILARITY.option, similarity);
        given.put(FINETUNE.option, task == null ? List.of() : List.of(task));
        String name = name().toLowerCase(Locale.ROOT);
        if (given.get(option).isEmpty()) {
            throw new IllegalArgumentException("--objective " + name + " needs " + needs);
        }
        for (Map.Entry<String, List<String>> other : given.entrySet()) {
            if (!other.getKey().equals(option) && !other.getValue().isEmpty()) {
                throw new IllegalArgumentException(other.getKey() + " " + other.getValue().get(0) + " is not scored "
                        + "by --objective " + name + "; leave it out or score by its objective");
            }
        }
        if (this == FINETUNE) {
            requireDevName(option + " " + task + ": its dev file " + taskDev, taskDev);
        } else {
            for (String file : given.get(option)) {
                requireDevName(option + " " + file, file);
            }
        }
    }

    private static void requireDevName(String what, String file) {
        String fileName = file.substring(file.lastIndexOf('/') + 1);
        if (fileName.toLowerCase(Locale.ROOT).contains("test")) {
            throw new IllegalArgumentException(what + " looks like a test set (its name contains \"test\"); tune "
                    + "scores on dev sets only, so that the test set stays unseen until the final evaluation");
        }
    }

    /**
     * The objective of {@code report}, the vectors' evaluation on this objective's dev sets; finetune is not scored
     * from an evaluation but by the fine-tune itself.
     */
    public double score(EvaluationReport report) {
        if (this == FINETUNE) {
            throw new IllegalStateException("--objective finetune is a fine-tune's dev score, not an evaluation's");
        }
        if (this == ANALOGY) {
            return report.analogy().values().stream().mapToDouble(AnalogyResult::accuracy).average().orElseThrow();
        }
        double sum = 0;
        for (var set : report.similarity().entrySet()) {
            SimilarityResult result = set.getValue();
            if (result.spearman() == null) {
                throw new IllegalStateException("similarity set " + set.getKey() + ": no pair has both words in the "
                        + "vocabulary");
            }
            sum += result.spearman();
        }
        return sum / report.similarity().size();
    }
}
