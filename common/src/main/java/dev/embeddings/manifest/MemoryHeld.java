package dev.embeddings.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.embeddings.averaging.ReplicaMemory;
import dev.embeddings.io.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code memory} of a {@code manifest.json}: what the job held, in bytes (the formulas are in docs/design.md,
 * "Memory"). What a job does not hold is null and left out of the file.
 *
 * @param modelBytes        one replica of the model's parameters
 * @param workerBytes       what each worker holds besides a replica
 * @param driverBytes       what the driver holds
 * @param cooccurrenceBytes GloVe: its co-occurrence matrix
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemoryHeld(Long modelBytes, Long workerBytes, Long driverBytes, Long cooccurrenceBytes) {

    /** What a job of replicas sized {@code memory} holds. */
    public static MemoryHeld of(ReplicaMemory memory) {
        return new MemoryHeld(memory.model(), memory.perWorker(), memory.driver(), null);
    }

    /** The figures by name, in the file's order, without those the job does not hold (for display). */
    public Map<String, Long> byName() {
        return Json.MAPPER.convertValue(this, new TypeReference<LinkedHashMap<String, Long>>() { });
    }

    /** This with GloVe's co-occurrence matrix of {@code bytes}. */
    public MemoryHeld withCooccurrenceBytes(long bytes) {
        return new MemoryHeld(modelBytes, workerBytes, driverBytes, bytes);
    }
}
