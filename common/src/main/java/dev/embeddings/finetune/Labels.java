package dev.embeddings.finetune;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Output-unit names and their indices. */
final class Labels {

    private final List<String> names;
    private final Map<String, Integer> ids = new HashMap<>();

    Labels(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < this.names.size(); i++) {
            ids.put(this.names.get(i), i);
        }
    }

    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    String name(int id) {
        return names.get(id);
    }

    /** The index of {@code label}; a label the training data never had is an error. */
    int id(String label) {
        Integer id = ids.get(label);
        if (id == null) {
            throw new IllegalArgumentException("label '" + label + "' does not occur in the training data " + names);
        }
        return id;
    }
}
