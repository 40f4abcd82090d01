package dev.embeddings.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parsing helpers shared by the commands. */
final class Options {

    private Options() {
    }

    /** An enum constant from its lower-case name, or an error listing the choices. */
    static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        return choice(option, value, type.getEnumConstants());
    }

    /** One of {@code allowed} from its lower-case name, or an error listing them. */
    @SafeVarargs
    static <E extends Enum<E>> E choice(String option, String value, E... allowed) {
        for (E e : allowed) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + " must be one of " + names(allowed) + ", got '" + value + "'");
    }

    /** The lower-case names of {@code constants}, comma-separated. */
    @SafeVarargs
    static <E extends Enum<E>> String names(E... constants) {
        return Arrays.stream(constants).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
