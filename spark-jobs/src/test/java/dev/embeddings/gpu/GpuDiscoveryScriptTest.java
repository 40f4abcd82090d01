package dev.embeddings.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code submit-scripts/gpu-discovery} prints the resource JSON Spark's executor parses
 * ({@code {"name":"gpu","addresses":[...]}}) from what nvidia-smi lists, and fails with a message naming the
 * problem where there is no driver tool. A small fake {@code nvidia-smi} on PATH stands in for the driver's tool.
 */
class GpuDiscoveryScriptTest {

    private static final Path SCRIPT = Path.of("..", "submit-scripts", "gpu-discovery").toAbsolutePath().normalize();

    @Test
    void printsEachGpuIndexNvidiaSmiListsAsAnAddress(@TempDir Path bin) throws Exception {
        fakeNvidiaSmi(bin, "printf '0\\n1\\n'");
        Result result = run(bin);
        assertEquals(0, result.exitCode, result.stderr);
        JsonNode json = new ObjectMapper().readTree(result.stdout);
        assertEquals("gpu", json.get("name").asText());
        assertEquals(List.of("0", "1"), List.of(json.get("addresses").get(0).asText(),
                json.get("addresses").get(1).asText()));
        assertEquals(2, json.get("addresses").size());
        assertTrue(json.get("addresses").get(0).isTextual(), "Spark expects addresses as strings");
    }

    @Test
    void aDriverWithoutGpusGivesAnEmptyAddressList(@TempDir Path bin) throws Exception {
        fakeNvidiaSmi(bin, "exit 0");
        Result result = run(bin);
        assertEquals(0, result.exitCode, result.stderr);
        JsonNode json = new ObjectMapper().readTree(result.stdout);
        assertEquals("gpu", json.get("name").asText());
        assertEquals(0, json.get("addresses").size());
    }

    @Test
    void withoutNvidiaSmiItFailsNamingTheMissingTool(@TempDir Path bin) throws Exception {
        Result result = run(bin);
        assertEquals(1, result.exitCode);
        assertEquals("", result.stdout, "nothing Spark could mistake for a resource list");
        assertTrue(result.stderr.contains("nvidia-smi not found"), result.stderr);
    }

    @Test
    void aFailingNvidiaSmiIsReportedWithItsMessage(@TempDir Path bin) throws Exception {
        fakeNvidiaSmi(bin, "echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver'"
                + "; exit 9");
        Result result = run(bin);
        assertEquals(1, result.exitCode);
        assertEquals("", result.stdout);
        assertTrue(result.stderr.contains("could not communicate with the NVIDIA driver"), result.stderr);
    }

    private static void fakeNvidiaSmi(Path bin, String body) throws IOException {
        Path tool = bin.resolve("nvidia-smi");
        Files.writeString(tool, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs the script with PATH = {@code bin} alone, so a real nvidia-smi on a GPU machine cannot stand in for the
     * fake (the script needs nothing but bash builtins).
     */
    private static Result run(Path bin) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", SCRIPT.toString());
        Map<String, String> env = builder.environment();
        env.put("PATH", bin.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "script did not finish");
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
