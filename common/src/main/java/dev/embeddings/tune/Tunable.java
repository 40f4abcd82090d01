package dev.embeddings.tune;

import dev.embeddings.word2vec.Word2VecConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The word2vec parameters a search space may vary, named as the {@code word2vec} options (and so as the keys of its
 * {@code --config} file) that set them. Epochs are not among them: successive halving sets them, rung by rung.
 */
public enum Tunable {
    MODEL("model", Word2VecConfig.Architecture.class,
            (b, v) -> b.model(Word2VecConfig.Architecture.valueOf(upper(v)))),
    LOSS("loss", Word2VecConfig.Loss.class, (b, v) -> b.loss(Word2VecConfig.Loss.valueOf(upper(v)))),
    DIM("dim", Kind.INTEGER, (b, v) -> b.dim(((Number) v).intValue())),
    WINDOW("window", Kind.INTEGER, (b, v) -> b.window(((Number) v).intValue())),
    NEGATIVE("negative", Kind.INTEGER, (b, v) -> b.negative(((Number) v).intValue())),
    NS_EXPONENT("ns-exponent", Kind.REAL, (b, v) -> b.nsExponent(((Number) v).doubleValue())),
    SAMPLE("sample", Kind.REAL, (b, v) -> b.sample(((Number) v).doubleValue())),
    LR("lr", Kind.REAL, (b, v) -> b.learningRate(((Number) v).doubleValue())),
    MIN_LR_RATIO("min-lr-ratio", Kind.REAL, (b, v) -> b.minLrRatio(((Number) v).doubleValue())),
    MINN("minn", Kind.INTEGER, (b, v) -> b.minn(((Number) v).intValue())),
    MAXN("maxn", Kind.INTEGER, (b, v) -> b.maxn(((Number) v).intValue()));

    /** What values a parameter takes: whole numbers, real numbers, or words (an enum's constants in lower case). */
    public enum Kind { INTEGER, REAL, WORD }

    private final String option;
    private final Kind kind;
    private final BiConsumer<Word2VecConfig.Builder, Object> setter;
    private final List<String> words;

    Tunable(String option, Kind kind, BiConsumer<Word2VecConfig.Builder, Object> setter) {
        this.option = option;
        this.kind = kind;
        this.setter = setter;
        this.words = List.of();
    }

    Tunable(String option, Class<? extends Enum<?>> words, BiConsumer<Word2VecConfig.Builder, Object> setter) {
        this.option = option;
        this.kind = Kind.WORD;
        this.setter = setter;
        this.words = Arrays.stream(words.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** The word2vec option (without dashes) this parameter is. */
    public String option() {
        return option;
    }

    public Kind kind() {
        return kind;
    }

    /** The words a {@link Kind#WORD} parameter takes, as the command line spells them (none for numbers). */
    public List<String> words() {
        return words;
    }

    /** Sets this parameter of {@code builder} to {@code value} (a Number, or a String for words). */
    public void apply(Word2VecConfig.Builder builder, Object value) {
        setter.accept(builder, value);
    }

    /** The parameter the option {@code name} sets, if it is tunable. */
    public static Optional<Tunable> byOption(String name) {
        return Arrays.stream(values()).filter(t -> t.option.equals(name)).findFirst();
    }

    /** The tunable options' names, for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Tunable::option).toList());
    }

    private static String upper(Object value) {
        return value.toString().toUpperCase(Locale.ROOT);
    }
}
