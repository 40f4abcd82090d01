package dev.embeddings.gpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench/gpu-check.sh} stops at once with a clear message (exit 2) where there is no usable GPU, before it
 * builds, prepares or trains anything, and refuses a jar without ND4J's CUDA backend before it trains. NVIDIA_SMI
 * points it at a missing tool or at a fake one.
 */
class GpuCheckScriptTest {

    private static final Path SCRIPT = ScriptRun.script("bench/gpu-check.sh");

    /** @param nvidiaSmi the fake tool's script, or null for no tool at all */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"| needs a node with an NVIDIA GPU",
            "exit 0 | lists no GPU",
            "echo 'No devices were found'; exit 6 | No devices were found"})
    void stopsBeforeAnyWorkWhereThereIsNoUsableGpu(String nvidiaSmi, String message, @TempDir Path dir)
            throws Exception {
        Path tool = nvidiaSmi == null ? dir.resolve("no-such-dir/nvidia-smi")
                : ScriptRun.fakeTool(dir, "nvidia-smi", nvidiaSmi);
        ScriptRun run = run(dir, tool.toString());
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains(message), run.stderr());
        assertFalse(Files.exists(dir.resolve("bench")), "the check prepared files before finding a GPU");
    }

    @Test
    void aJarWithoutTheCudaBackendIsRefusedBeforeTraining(@TempDir Path dir) throws Exception {
        Path tool = ScriptRun.fakeTool(dir, "nvidia-smi", "echo '0, Tesla T4, 15360 MiB, 535.104.05'");
        Path cpuJar = dir.resolve("cpu.jar");
        try (ZipOutputStream jar = new ZipOutputStream(Files.newOutputStream(cpuJar))) {
            jar.putNextEntry(new ZipEntry("org/nd4j/linalg/cpu/nativecpu/CpuBackend.class"));
            jar.closeEntry();
        }
        ScriptRun run = run(dir, tool.toString(), cpuJar.toString());
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("has no ND4J CUDA backend"), run.stderr());
        assertFalse(Files.exists(dir.resolve("bench/gpu-check/corpus")), "no corpus before the jar is checked");
    }

    private static ScriptRun run(Path dir, String nvidiaSmi) throws Exception {
        return run(dir, nvidiaSmi, null);
    }

    /** @param cudaJar CUDA_JAR, or null to leave it unset (the script would then build one) */
    private static ScriptRun run(Path dir, String nvidiaSmi, String cudaJar) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("NVIDIA_SMI", nvidiaSmi);
        env.put("BENCH_DIR", dir.resolve("bench").toString());
        env.put("CUDA_JAR", cudaJar);
        return ScriptRun.of(SCRIPT, env);
    }
}
