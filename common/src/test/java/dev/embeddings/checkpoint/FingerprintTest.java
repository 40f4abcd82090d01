package dev.embeddings.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void equalSettingsMatchWhateverTheirOrderAndIgnoredKeys() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("dim", 100);
        a.put("threads", 2);
        a.put("workers", 4);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("workers", 4);
        b.put("threads", 8);
        b.put("dim", 100);
        assertEquals(List.of(), Fingerprint.of(a, "threads").differences(Fingerprint.of(b, "threads")));
        assertEquals(Fingerprint.of(a, "threads"), Fingerprint.of(b, "threads"));
    }

    @Test
    void differencesNameEachChangedAddedOrMissingSetting() {
        Fingerprint before = Fingerprint.of(Map.of("syncsPerEpoch", 4, "dim", 100, "init", "none"));
        Fingerprint now = Fingerprint.of(Map.of("syncsPerEpoch", 8, "dim", 100, "seed", 3));
        assertEquals(List.of("init: checkpoint none, now (none)", "seed: checkpoint (none), now 3",
                "syncsPerEpoch: checkpoint 4, now 8"), before.differences(now));
    }
}
