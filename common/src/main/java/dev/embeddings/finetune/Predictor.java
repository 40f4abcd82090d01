package dev.embeddings.finetune;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Applies a model saved by {@link ModelDirectory} to new text, preparing the input as training did. */
public final class Predictor {

    private final ComputationGraph net;
    private final ModelDirectory.Info info;
    private final ClassificationTask classification;
    private final TaggingTask tagging;

    private Predictor(ComputationGraph net, ModelDirectory.Info info, TokenIndex index, List<String> labels) {
        this.net = net;
        this.info = info;
        this.classification = info.model().isTagger() ? null : new ClassificationTask(index, labels);
        this.tagging = info.model().isTagger() ? new TaggingTask(index, labels, info.lowercase(),
                info.model().characterFeatures()) : null;
    }

    public static Predictor load(Path dir) throws IOException {
        return new Predictor(ModelDirectory.readNetwork(dir), ModelDirectory.readInfo(dir),
                ModelDirectory.readIndex(dir), ModelDirectory.readLabels(dir));
    }

    public ModelKind model() {
        return info.model();
    }

    /** The label of each raw text, tokenised as the training files were. */
    public List<String> classify(List<String> texts) {
        requireModel(false);
        ClassificationReader reader = new ClassificationReader(info.lowercase());
        List<List<String>> tokenized = new ArrayList<>(texts.size());
        for (String text : texts) {
            List<String> tokens = reader.tokens(text);
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("text has no tokens: '" + text + "'");
            }
            tokenized.add(tokens);
        }
        return classificationLabels(tokenized);
    }

    /** The label of each already tokenised text. */
    public List<String> classificationLabels(List<List<String>> tokenized) {
        requireModel(false);
        return classification.labelNames(classification.predict(net, tokenized));
    }

    /** The IOB2 tags of each sentence of words. */
    public List<List<String>> tag(List<List<String>> sentences) {
        requireModel(true);
        for (List<String> words : sentences) {
            if (words.isEmpty()) {
                throw new IllegalArgumentException("cannot tag an empty sentence");
            }
        }
        return tagging.predict(net, sentences);
    }

    /**
     * The model's report on a labelled file (classification lines, or CoNLL columns in {@code tagScheme}), scored as
     * training scores its dev file, so its headline is comparable with a report's {@code best_dev_score}.
     */
    public TaskReport evaluate(Path file, TagScheme tagScheme) throws IOException {
        if (info.model().isTagger()) {
            return tagging.report(net, new ConllReader(tagScheme).read(file));
        }
        return classification.report(net, new ClassificationReader(info.lowercase()).read(file));
    }

    private void requireModel(boolean tagger) {
        if (info.model().isTagger() != tagger) {
            throw new IllegalStateException("this is a " + info.model().name().toLowerCase(Locale.ROOT) + " model: use "
                    + (tagger ? "classify" : "tag"));
        }
    }
}
