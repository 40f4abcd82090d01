package dev.embeddings.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code submit-scripts/gpu-discovery} prints the resource JSON Spark's executor parses
 * ({@code {"name":"gpu","addresses":[...]}}) from what nvidia-smi lists, and fails with a message naming the
 * problem where there is no driver tool; a driver listing no GPU gives an empty list (Spark then refuses the executor
 * for want of GPUs). A small fake {@code nvidia-smi} on PATH stands in for the driver's tool;
 * PATH holds nothing else, so a real nvidia-smi on a GPU machine cannot stand in for it (the script needs only bash
 * builtins).
 */
class GpuDiscoveryScriptTest {

    private static final Path SCRIPT = ScriptRun.script("submit-scripts/gpu-discovery");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"printf '0\\n1\\n' | 0,1", "printf ' 3\\n' | 3",
            "exit 0 | \"\""})
    void printsEachGpuIndexNvidiaSmiListsAsAStringAddress(String nvidiaSmi, String expected, @TempDir Path bin)
            throws Exception {
        ScriptRun.fakeTool(bin, "nvidia-smi", nvidiaSmi);
        ScriptRun run = run(bin);
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode json = new ObjectMapper().readTree(run.stdout());
        assertEquals("gpu", json.get("name").asText());
        List<String> addresses = new ArrayList<>();
        for (JsonNode address : json.get("addresses")) {
            assertTrue(address.isTextual(), "Spark expects addresses as strings: " + run.stdout());
            addresses.add(address.asText());
        }
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(",")), addresses);
    }

    @Test
    void withoutNvidiaSmiItFailsNamingTheMissingTool(@TempDir Path bin) throws Exception {
        ScriptRun run = run(bin);
        assertEquals(1, run.exitCode());
        assertEquals("", run.stdout(), "nothing Spark could mistake for a resource list");
        assertTrue(run.stderr().contains("nvidia-smi not found"), run.stderr());
    }

    @Test
    void aFailingNvidiaSmiIsReportedWithItsMessage(@TempDir Path bin) throws Exception {
        ScriptRun.fakeTool(bin, "nvidia-smi",
                "echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver'; exit 9");
        ScriptRun run = run(bin);
        assertEquals(1, run.exitCode());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("could not communicate with the NVIDIA driver"), run.stderr());
    }

    private static ScriptRun run(Path bin) throws Exception {
        return ScriptRun.of(SCRIPT, Map.of("PATH", bin.toString()));
    }
}
