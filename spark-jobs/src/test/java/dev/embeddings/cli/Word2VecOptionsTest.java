package dev.embeddings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.word2vec.Word2VecConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** What word2vec's and refresh's training flags make of their values and defaults. */
class Word2VecOptionsTest {

    @Command
    static final class Holder {
        @Mixin
        Word2VecOptions options;
    }

    private static Word2VecOptions parse(String... args) {
        Holder holder = new Holder();
        Main.commandLine(holder).parseArgs(args);
        return holder.options;
    }

    private static int rounds(String... args) {
        return parse(args).roundsPerEpoch();
    }

    @Test
    void theNegativeSamplingExponentReachesTheConfigurationAndIsValidated() {
        assertEquals(0.75, parse().builder().build().nsExponent());
        assertEquals(0.5, parse("--ns-exponent", "0.5").builder().build().nsExponent());
        assertEquals(0.5, parse("--maxn", "6").builder().build().nsExponent());
        assertEquals(0.75, parse("--maxn", "6", "--ns-exponent", "0.75").builder().build().nsExponent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--ns-exponent", "3").builder().build());
        assertTrue(e.getMessage().startsWith("nsExponent must be in [-1, 1]"), e.getMessage());
    }

    @Test
    void characterNgramsAreOffByDefaultAndReachTheConfigurationWhenOn() {
        Word2VecConfig plain = parse().builder().build();
        assertEquals(List.of(3, 0, 0), List.of(plain.minn(), plain.maxn(), plain.buckets()));
        Word2VecConfig subwords = parse("--maxn", "6").builder().build();
        assertEquals(List.of(3, 6, 2_000_000), List.of(subwords.minn(), subwords.maxn(), subwords.buckets()));
        Word2VecConfig set = parse("--minn", "2", "--maxn", "5", "--buckets", "1000").builder().build();
        assertEquals(List.of(2, 5, 1000), List.of(set.minn(), set.maxn(), set.buckets()));
    }

    @Test
    void enumOptionsTakeTheirConstantsNamesInAnyCase() {
        Word2VecConfig defaults = parse().builder().build();
        assertEquals(List.of(Word2VecConfig.Architecture.SKIPGRAM, Word2VecConfig.Loss.NS, Word2VecConfig.Backend.JVM),
                List.of(defaults.model(), defaults.loss(), defaults.backend()));
        Word2VecConfig set = parse("--model", "CBOW", "--loss", "Hs", "--backend", "jvm").builder().build();
        assertEquals(List.of(Word2VecConfig.Architecture.CBOW, Word2VecConfig.Loss.HS, Word2VecConfig.Backend.JVM),
                List.of(set.model(), set.loss(), set.backend()));
        assertEquals(Word2VecConfig.Backend.ND4J, parse("--backend", "nd4j").backend);
        CommandLine.ParameterException java = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--backend", "java"));
        assertTrue(java.getMessage().contains("'--backend'"), java.getMessage());
    }

    @Test
    void severalWorkersMergeSixteenTimesPerEpochByDefault() {
        assertEquals(4, rounds());
        assertEquals(4, rounds("--workers", "1"));
        assertEquals(16, rounds("--workers", "2"));
        assertEquals(16, rounds("--workers", "8"));
    }

    @Test
    void anExplicitRoundCountIsKept() {
        assertEquals(4, rounds("--workers", "2", "--syncs-per-epoch", "4"));
        assertEquals(32, rounds("--syncs-per-epoch", "32"));
    }
}
