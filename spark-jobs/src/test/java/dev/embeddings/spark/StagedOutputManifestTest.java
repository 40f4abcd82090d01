package dev.embeddings.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embeddings.corpus.CorpusManifest;
import dev.embeddings.manifest.VectorsManifest;
import org.junit.jupiter.api.Test;

/**
 * {@link StagedOutput} moves an output's manifest last so that an output with a manifest is complete; it spells the
 * name itself (the manifests' packages are downstream of it), so the name must be the one the outputs write.
 */
class StagedOutputManifestTest {

    @Test
    void theFileMovedLastIsTheManifestEveryOutputWrites() {
        assertEquals(VectorsManifest.FILE, StagedOutput.MANIFEST);
        assertEquals(CorpusManifest.FILE, StagedOutput.MANIFEST);
    }
}
