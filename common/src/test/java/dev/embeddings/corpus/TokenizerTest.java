package dev.embeddings.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private static List<String> tokens(Tokenizer tokenizer, String text) {
        List<String> out = new ArrayList<>();
        int kept = tokenizer.tokenize(text, out::add);
        assertEquals(out.size(), kept, "returned count matches tokens handed over");
        return out;
    }

    @Test
    void splitsOnEverythingButLettersAndDigits() {
        Tokenizer t = new Tokenizer(true, 100);
        assertEquals(List.of("don", "t", "stop", "me", "now", "in", "1979", "snake", "case"),
                tokens(t, "Don't stop-me, now! (in 1979) snake_case"));
    }

    @Test
    void appliesNfkcBeforeLowerCasing() {
        Tokenizer t = new Tokenizer(true, 100);
        // The "fi" ligature and full-width letters fold to plain ASCII under NFKC.
        assertEquals(List.of("file", "abc"), tokens(t, "\uFB01le \uFF21\uFF22\uFF23"));
    }

    @Test
    void keepsCaseWhenAsked() {
        assertEquals(List.of("Berlin", "IS", "big"), tokens(new Tokenizer(false, 100), "Berlin IS big."));
    }

    @Test
    void keepsNonLatinLettersAndCombiningMarksInsideWords() {
        Tokenizer t = new Tokenizer(true, 100);
        assertEquals(List.of("москва", "東京", "नमस्ते"), tokens(t, "Москва, 東京; नमस्ते"));
    }

    @Test
    void dropsAndCountsOverlongTokens() {
        Tokenizer t = new Tokenizer(true, 5);
        assertEquals(List.of("short", "ok"), tokens(t, "short toolong ok waytoolong"));
        assertEquals(2, t.droppedLongTokens());
    }

    @Test
    void emptyAndPunctuationOnlyTextGiveNoTokens() {
        Tokenizer t = new Tokenizer(true, 100);
        assertEquals(List.of(), tokens(t, ""));
        assertEquals(List.of(), tokens(t, " ... --- !!! \t"));
    }

    @Test
    void rejectsNonPositiveMaximum() {
        assertThrows(IllegalArgumentException.class, () -> new Tokenizer(true, 0));
    }
}
