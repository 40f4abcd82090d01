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
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", got '" + value
                + "'");
    }
}
