package dev.embeddings.word2vec;

import dev.embeddings.corpus.SyntheticCorpus;
import dev.embeddings.vocab.Vocabulary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The planted-relations corpus as a trainer sees it: generated into a text file, split on spaces, counted into a
 * {@link Vocabulary} (minCount words) and encoded as id sentences (out-of-vocabulary words dropped).
 */
record PlantedCorpus(SyntheticCorpus generator, Path textFile, Vocabulary vocabulary, List<int[]> sentences,
                     long tokens) {

    static PlantedCorpus generate(Path dir, long seed, int sentenceCount, long minCount) throws IOException {
        SyntheticCorpus generator = SyntheticCorpus.standard(seed);
        Path text = dir.resolve("planted.txt");
        try (OutputStream out = Files.newOutputStream(text)) {
            generator.writeCorpus(out, sentenceCount);
        }
        Map<String, Long> counts = new HashMap<>();
        List<String[]> split = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(text, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] words = line.split(" ");
                split.add(words);
                for (String w : words) {
                    counts.merge(w, 1L, Long::sum);
                }
            }
        }
        Vocabulary vocabulary = Vocabulary.fromCounts(counts, minCount, 0);
        List<int[]> sentences = new ArrayList<>(split.size());
        long tokens = 0;
        for (String[] words : split) {
            int[] ids = new int[words.length];
            int n = 0;
            for (String w : words) {
                int id = vocabulary.id(w);
                if (id >= 0) {
                    ids[n++] = id;
                }
            }
            if (n > 0) {
                sentences.add(n == ids.length ? ids : Arrays.copyOf(ids, n));
                tokens += n;
            }
        }
        return new PlantedCorpus(generator, text, vocabulary, sentences, tokens);
    }

    /** The sentences split into {@code parts} contiguous slices, one source per trainer thread. */
    List<SentenceSource> sources(int parts) {
        List<SentenceSource> sources = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) sentences.size() * p / parts);
            int to = (int) ((long) sentences.size() * (p + 1) / parts);
            sources.add(SentenceSource.of(sentences.subList(from, to), "planted part " + p));
        }
        return sources;
    }
}
