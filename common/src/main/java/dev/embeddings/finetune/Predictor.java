package dev.embeddings.finetune;

import dev.embeddings.matrix.FloatMatrix;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Applies a model saved by {@link ModelDirectory} to new text, preparing the input as training did. With the model's
 * subword model ({@link ModelDirectory#SUBWORDS}), a word outside the task vocabulary gets the vector training would
 * have given it had it been in the dev text: its pretrained vector, or the one composed from its character n-grams;
 * other such words, as without a subword model, share the unknown-word row.
 */
public final class Predictor {

    private final ComputationGraph net;
    private final ModelDirectory.Info info;
    private final TokenIndex index;
    private final List<String> labels;
    /** The vectors of words outside the task vocabulary, or null. */
    private final PretrainedVectors subwords;

    /** The network and index that input is encoded and scored with. */
    record Prepared(ComputationGraph net, TokenIndex index) {
    }

    private Predictor(ComputationGraph net, ModelDirectory.Info info, TokenIndex index, List<String> labels,
                      PretrainedVectors subwords) {
        this.net = net;
        this.info = info;
        this.index = index;
        this.labels = labels;
        this.subwords = subwords;
    }

    /**
     * Reads the model in {@code dir}; fails naming {@link ModelDirectory#SUBWORDS} when its subword model is
     * unreadable or of another dimension than the network's embeddings.
     */
    public static Predictor load(Path dir) throws IOException {
        ComputationGraph net = ModelDirectory.readNetwork(dir);
        PretrainedVectors subwords = ModelDirectory.readSubwords(dir).orElse(null);
        long dim = net.getParam(Networks.EMBEDDING + "_W").size(1);
        if (subwords != null && subwords.dim() != dim) {
            throw new IOException(dir.resolve(ModelDirectory.SUBWORDS) + ": the subword model has dimension "
                    + subwords.dim() + ", the model's embeddings " + dim);
        }
        return new Predictor(net, ModelDirectory.readInfo(dir), ModelDirectory.readIndex(dir),
                ModelDirectory.readLabels(dir), subwords);
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
        Prepared prepared = prepare(tokenized);
        ClassificationTask task = new ClassificationTask(prepared.index(), labels);
        return task.labelNames(task.predict(prepared.net(), tokenized));
    }

    /** The IOB2 tags of each sentence of words. */
    public List<List<String>> tag(List<List<String>> sentences) {
        requireModel(true);
        for (List<String> words : sentences) {
            if (words.isEmpty()) {
                throw new IllegalArgumentException("cannot tag an empty sentence");
            }
        }
        Prepared prepared = prepared(sentences);
        return tagging(prepared).predict(prepared.net(), sentences);
    }

    /**
     * The model's report on a labelled file (classification lines, or CoNLL columns in {@code tagScheme}), scored as
     * training scores its dev file, so its headline is comparable with a report's {@code best_dev_score}.
     */
    public TaskReport evaluate(Path file, TagScheme tagScheme) throws IOException {
        if (info.model().isTagger()) {
            List<TaggedSentence> sentences = new ConllReader(tagScheme).read(file);
            Prepared prepared = prepared(sentences.stream().map(TaggedSentence::words).toList());
            return tagging(prepared).report(prepared.net(), sentences);
        }
        List<LabeledText> examples = new ClassificationReader(info.lowercase()).read(file);
        Prepared prepared = prepare(examples.stream().map(LabeledText::tokens).toList());
        return new ClassificationTask(prepared.index(), labels).report(prepared.net(), examples);
    }

    private TaggingTask tagging(Prepared prepared) {
        return new TaggingTask(prepared.index(), labels, info.lowercase(), info.model().characterFeatures());
    }

    /** {@link #prepare} for the tagger's sentences, looked up as the tagger looks words up. */
    private Prepared prepared(List<List<String>> sentences) {
        return prepare(sentences.stream().map(words -> TaggingTask.lookupForms(words, info.lowercase())).toList());
    }

    /**
     * The network and index for input whose words are looked up as {@code lookupForms}: the saved ones when every
     * word is in the task vocabulary or there is no subword model; else copies in which each word outside the
     * vocabulary with a pretrained or composed vector has a row holding it.
     */
    Prepared prepare(List<List<String>> lookupForms) {
        if (subwords == null) {
            return new Prepared(net, index);
        }
        Set<String> unseen = new LinkedHashSet<>();
        for (List<String> words : lookupForms) {
            for (String word : words) {
                if (index.row(word) == TokenIndex.UNKNOWN && subwords.has(word)) {
                    unseen.add(word);
                }
            }
        }
        if (unseen.isEmpty()) {
            return new Prepared(net, index);
        }
        List<String> added = List.copyOf(unseen);
        FloatMatrix rows = FloatMatrix.zeros(added.size(), subwords.dim());
        for (int i = 0; i < added.size(); i++) {
            subwords.copyVector(added.get(i), rows.segment(i), rows.offset(i));
        }
        return new Prepared(Networks.withEmbeddingRows(net, rows), index.withWords(added));
    }

    private void requireModel(boolean tagger) {
        if (info.model().isTagger() != tagger) {
            throw new IllegalStateException("this is a " + info.model().name().toLowerCase(Locale.ROOT) + " model: use "
                    + (tagger ? "classify" : "tag"));
        }
    }
}
