package dev.embeddings.finetune;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadersTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void classificationLinesAreSplitIntoLabelAndTokensSkippingBlankLines() throws IOException {
        Path file = write("train.tsv", "pos\tA Great film!\n\nneg\tdon't Watch\n");
        List<LabeledText> lower = new ClassificationReader(true).read(file);
        assertEquals(List.of(new LabeledText("pos", List.of("a", "great", "film")),
                new LabeledText("neg", List.of("don", "t", "watch"))), lower);
        List<LabeledText> cased = new ClassificationReader(false).read(file);
        assertEquals(List.of("A", "Great", "film"), cased.get(0).tokens());
    }

    @Test
    void treebankSplitNegationsTokeniseAsTheCorpusTokenisedTheJoinedWord() {
        ClassificationReader reader = new ClassificationReader(true);
        // The corpus tokenizer turned "doesn't" into doesn, t: SST's "does n't" must give the same tokens.
        assertEquals(reader.tokens("it doesn't work , I can't say"), reader.tokens("it does n't work , I ca n't say"));
        assertEquals(List.of("won", "t", "go"), reader.tokens("Wo N'T go"));
        assertEquals(List.of("the", "n", "t", "list"), reader.tokens("the n 't list"), "only n't right after a word");
    }

    @Test
    void malformedClassificationLinesNameFileAndLine() throws IOException {
        assertMessage(new ClassificationReader(true), write("a.tsv", "pos\tok\nno tab here\n"), "a.tsv:2", "no tab");
        assertMessage(new ClassificationReader(true), write("b.tsv", " \tsome text\n"), "b.tsv:1", "empty label");
        assertMessage(new ClassificationReader(true), write("c.tsv", "x\ty\tz\n"), "c.tsv:1", "more than one tab");
        assertMessage(new ClassificationReader(true), write("d.tsv", "pos\ta\nneg\t?!\n"), "d.tsv:2", "no tokens");
    }

    private static void assertMessage(ClassificationReader reader, Path file, String... parts) {
        IOException e = assertThrows(IOException.class, () -> reader.read(file));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage() + " should contain " + part);
        }
    }

    @Test
    void conllSentencesTakeFirstAndLastColumnsAndSkipDocstart() throws IOException {
        Path file = write("train.conll", """
                -DOCSTART- -X- -X- O

                EU NNP B-NP B-ORG
                rejects VBZ B-VP O
                German JJ B-NP B-MISC
                call NN I-NP O

                Peter NNP B-NP B-PER
                Blackburn NNP I-NP I-PER
                """);
        List<TaggedSentence> sentences = new ConllReader(TagScheme.IOB2).read(file);
        assertEquals(List.of(
                new TaggedSentence(List.of("EU", "rejects", "German", "call"), List.of("B-ORG", "O", "B-MISC", "O")),
                new TaggedSentence(List.of("Peter", "Blackburn"), List.of("B-PER", "I-PER"))), sentences);
    }

    @Test
    void iob1TagsAreConvertedToIob2() throws IOException {
        // IOB1: chunks start with I-; B- only splits two adjacent chunks of one type.
        Path file = write("iob1.conll", """
                U.N. I-ORG
                official O
                Ekeus I-PER
                Rolf I-PER
                Smith B-PER
                heads O
                for O
                Baghdad I-LOC
                New I-ORG
                """);
        List<TaggedSentence> sentences = new ConllReader(TagScheme.IOB1).read(file);
        assertEquals(List.of("B-ORG", "O", "B-PER", "I-PER", "B-PER", "O", "O", "B-LOC", "B-ORG"),
                sentences.get(0).tags());
    }

    /** A stray I-X in IOB2 input starts a chunk (as conlleval reads it): it becomes B-X, the chunks stay the same. */
    @Test
    void iob2InputWithAStrayInsideTagIsRepairedWithoutChangingItsChunks() throws IOException {
        Path file = write("stray.conll", "Anna B-PER\nParis B-LOC\nSmith I-PER\nsaid O\nLima I-LOC\n");
        List<String> stray = List.of("B-PER", "B-LOC", "I-PER", "O", "I-LOC");
        List<String> repaired = new ConllReader(TagScheme.IOB2).read(file).get(0).tags();
        assertEquals(List.of("B-PER", "B-LOC", "B-PER", "O", "B-LOC"), repaired);
        assertEquals(TagScheme.spans(stray), TagScheme.spans(repaired));
    }

    @Test
    void conllColumnCountMustStayTheSameWithinAFile() throws IOException {
        Path file = write("bad.conll", "EU NNP B-ORG\nrejects O\n");
        IOException e = assertThrows(IOException.class, () -> new ConllReader(TagScheme.IOB2).read(file));
        assertTrue(e.getMessage().contains("bad.conll:2") && e.getMessage().contains("expected 3 columns"),
                e.getMessage());
    }

    @Test
    void conllRejectsSingleColumnLinesAndUnknownTags() throws IOException {
        Path single = write("single.conll", "\nEU\n");
        IOException e1 = assertThrows(IOException.class, () -> new ConllReader(TagScheme.IOB2).read(single));
        assertTrue(e1.getMessage().contains("single.conll:2"), e1.getMessage());
        Path tag = write("tag.conll", "EU B-ORG\nrejects X-VERB\n");
        IOException e2 = assertThrows(IOException.class, () -> new ConllReader(TagScheme.IOB2).read(tag));
        assertTrue(e2.getMessage().contains("tag.conll:2") && e2.getMessage().contains("X-VERB"), e2.getMessage());
    }

    @Test
    void spansFollowConllevalChunkRules() {
        // I- after O or after another type starts a chunk; B- always starts one; O closes.
        List<String> tags = List.of("B-PER", "I-LOC", "I-LOC", "O", "I-PER", "B-PER", "I-PER", "O", "B-ORG");
        assertEquals(List.of(new EntitySpan("PER", 0, 1), new EntitySpan("LOC", 1, 3), new EntitySpan("PER", 4, 5),
                new EntitySpan("PER", 5, 7), new EntitySpan("ORG", 8, 9)), TagScheme.spans(tags));
    }
}
