package dev.embeddings.finetune;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Sequence tagging (NER, chunking) with IOB2 tags. Words are looked up in the vocabulary lower-cased if asked;
 * their original casing reaches the network through {@link Casing} features.
 */
public final class TaggingTask implements FineTuneTask<TaggedSentence> {

    private static final int PREDICTION_BATCH = 128;

    private final TokenIndex index;
    private final Labels tags;
    private final boolean lowercase;
    private final boolean characterFeatures;

    /** @param characterFeatures whether the network reads words' characters ({@link ModelKind#characterFeatures}) */
    public TaggingTask(TokenIndex index, List<String> tags, boolean lowercase, boolean characterFeatures) {
        this.index = index;
        this.tags = new Labels(tags);
        this.lowercase = lowercase;
        this.characterFeatures = characterFeatures;
    }

    /**
     * Tags (sorted) from the training sentences; the vocabulary as {@link TokenIndex#build} describes, from the
     * training sentences and the words (never the tags) of {@code evaluation}.
     */
    public static TaggingTask fromTraining(List<TaggedSentence> train, List<TaggedSentence> evaluation, int minCount,
                                           boolean lowercase, boolean characterFeatures,
                                           PretrainedVectors vectors) {
        TreeSet<String> tags = new TreeSet<>();
        train.forEach(s -> tags.addAll(s.tags()));
        TokenIndex index = TokenIndex.build(wordCounts(train, lowercase), wordCounts(evaluation, lowercase), minCount,
                word -> vectors != null && vectors.has(word));
        return new TaggingTask(index, new ArrayList<>(tags), lowercase, characterFeatures);
    }

    static Map<String, Long> wordCounts(List<TaggedSentence> sentences, boolean lowercase) {
        return TokenIndex.count(sentences.stream().map(s -> lookupForms(s.words(), lowercase)).toList());
    }

    /** The forms of {@code words} the index is asked for: themselves, or lower-cased. */
    static List<String> lookupForms(List<String> words, boolean lowercase) {
        return lowercase ? words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList() : words;
    }

    @Override
    public TokenIndex index() {
        return index;
    }

    @Override
    public int length(TaggedSentence example) {
        return example.words().size();
    }

    @Override
    public List<String> labels() {
        return tags.names();
    }

    public boolean lowercase() {
        return lowercase;
    }

    @Override
    public MultiDataSet batch(List<TaggedSentence> sentences) {
        List<int[]> tagIds = new ArrayList<>(sentences.size());
        for (TaggedSentence s : sentences) {
            int[] ids = new int[s.tags().size()];
            for (int t = 0; t < ids.length; t++) {
                ids[t] = tags.id(s.tags().get(t));
            }
            tagIds.add(ids);
        }
        return Batches.tagging(input(sentences.stream().map(TaggedSentence::words).toList()), tagIds, tags.size());
    }

    /** The network's inputs for sentences of words. */
    private Batches.TaggerInput input(List<List<String>> sentences) {
        List<int[]> tokens = new ArrayList<>(sentences.size());
        List<int[]> casing = new ArrayList<>(sentences.size());
        List<int[][]> characters = characterFeatures ? new ArrayList<>(sentences.size()) : null;
        for (List<String> words : sentences) {
            tokens.add(index.encode(lookupForms(words, lowercase)));
            casing.add(Casing.encode(words));
            if (characterFeatures) {
                characters.add(words.stream().map(CharacterIds::encode).toArray(int[][]::new));
            }
        }
        return Batches.taggerInput(tokens, casing, characters);
    }

    /** The predicted IOB2 tags of each sentence: the output unit with the highest value at each token. */
    public List<List<String>> predict(ComputationGraph net, List<List<String>> sentences) {
        List<List<String>> predicted = new ArrayList<>(sentences.size());
        for (int from = 0; from < sentences.size(); from += PREDICTION_BATCH) {
            List<List<String>> chunk = sentences.subList(from, Math.min(sentences.size(), from + PREDICTION_BATCH));
            Batches.TaggerInput input = input(chunk);
            // The character features' reshape to [batch, features, time] takes the minibatch size from the labels,
            // else the inputs, that the graph holds; output() leaves them as the last fitted minibatch's.
            net.setInputs(input.inputs());
            net.setLabels((INDArray[]) null);
            INDArray outputs = net.output(false, input.inputs(), input.masks())[0];
            INDArray best = outputs.argMax(1);
            for (int i = 0; i < chunk.size(); i++) {
                int length = chunk.get(i).size();
                List<String> sentenceTags = new ArrayList<>(length);
                for (int t = 0; t < length; t++) {
                    sentenceTags.add(tags.name(best.getInt(i, t)));
                }
                predicted.add(sentenceTags);
            }
        }
        return predicted;
    }

    @Override
    public EntityReport report(ComputationGraph net, List<TaggedSentence> sentences) {
        List<List<String>> predicted = predict(net, sentences.stream().map(TaggedSentence::words).toList());
        EntityScorer scorer = new EntityScorer();
        for (int i = 0; i < sentences.size(); i++) {
            scorer.add(sentences.get(i).tags(), predicted.get(i));
        }
        return scorer.report();
    }
}
