package dev.embeddings.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** One run of a project script under bash: its exit status, stdout and stderr. */
record ScriptRun(int exitCode, String stdout, String stderr) {

    /** The project's scripts, from the module directory surefire runs in. */
    static Path script(String relativePath) {
        return Path.of("..").resolve(relativePath).toAbsolutePath().normalize();
    }

    /** Runs {@code script} with {@code environment} added to this process's (null values remove a variable). */
    static ScriptRun of(Path script, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", script.toString());
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), script + " did not finish within 60 s");
        return new ScriptRun(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Writes an executable {@code dir/name} shell script with {@code body}: a stand-in for a driver tool. */
    static Path fakeTool(Path dir, String name, String body) throws IOException {
        Path tool = dir.resolve(name);
        Files.writeString(tool, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tool;
    }
}
