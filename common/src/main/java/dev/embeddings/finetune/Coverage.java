package dev.embeddings.finetune;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** How much of the task's training text has a pretrained vector: by distinct word and by token. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Coverage(long typesFound, long types, long tokensFound, long tokens) {

    public static Coverage of(Map<String, Long> trainingCounts, PretrainedVectors vectors) {
        long typesFound = 0;
        long tokensFound = 0;
        long tokens = 0;
        for (Map.Entry<String, Long> e : trainingCounts.entrySet()) {
            tokens += e.getValue();
            if (vectors.find(e.getKey()) >= 0) {
                typesFound++;
                tokensFound += e.getValue();
            }
        }
        return new Coverage(typesFound, trainingCounts.size(), tokensFound, tokens);
    }

    /** Share of training tokens found in the vectors, in [0, 1]. */
    @JsonProperty(value = "token_share", access = JsonProperty.Access.READ_ONLY)
    public double tokenShare() {
        return Prf.ratio(tokensFound, tokens);
    }

    @JsonProperty(value = "type_share", access = JsonProperty.Access.READ_ONLY)
    public double typeShare() {
        return Prf.ratio(typesFound, types);
    }
}
