package dev.embeddings.backend;

import dev.embeddings.word2vec.ProgressListener;
import dev.embeddings.word2vec.SentenceSource;
import dev.embeddings.word2vec.Word2VecConfig;
import dev.embeddings.word2vec.Word2VecModel;
import dev.embeddings.word2vec.Word2VecTrainer;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend flag decides whether ND4J is touched at all: the jvm backend trains in a class loader that cannot
 * load any ND4J class (so a stray reference would fail it), while the nd4j backend in the same loader fails for
 * want of ND4J (showing the loader does shut ND4J out); on this CPU build, ND4J reports its native CPU backend.
 */
class BackendSelectionTest {

    @Test
    void theJvmBackendTrainsWithoutLoadingNd4j() throws Exception {
        assertEquals(Boolean.TRUE, callWithoutNd4j(JvmTraining.class));
    }

    @Test
    void theNd4jBackendNeedsNd4jSoTheLoaderReallyShutsItOut() {
        NoClassDefFoundError e = assertThrows(NoClassDefFoundError.class,
                () -> callWithoutNd4j(Nd4jTraining.class));
        assertTrue(e.getMessage().startsWith("org/nd4j/"), e.getMessage());
    }

    @Test
    void theCpuBuildRunsOnNd4jsNativeCpuBackend() {
        Map<String, String> info = Nd4jBackendInfo.describe();
        assertEquals("cpu", info.get("backend"), info.toString());
        assertEquals("org.nd4j.linalg.cpu.nativecpu.CpuBackend", info.get("backendClass"));
        assertEquals("cpu", info.get("devices"));
        assertTrue(info.get("memory").contains("MiB JVM heap"), info.get("memory"));
        assertEquals(0, Nd4jBackendInfo.currentDevice());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nd4jBackendInfo.useDevice(1));
        assertTrue(e.getMessage().contains("GPU address 1"), e.getMessage());
    }

    /** Trains a tiny model with the jvm backend; returns whether it moved. Loaded without ND4J. */
    public static final class JvmTraining implements Callable<Boolean> {
        @Override
        public Boolean call() throws Exception {
            return train(Word2VecConfig.Backend.JVM);
        }
    }

    /** The same with the nd4j backend. */
    public static final class Nd4jTraining implements Callable<Boolean> {
        @Override
        public Boolean call() throws Exception {
            return train(Word2VecConfig.Backend.ND4J);
        }
    }

    private static boolean train(Word2VecConfig.Backend backend) throws Exception {
        Word2VecConfig config = Word2VecConfig.builder().backend(backend).dim(8).epochs(1).threads(1).sample(0)
                .build();
        long[] counts = {6, 5, 4, 3};
        Word2VecModel model = Word2VecModel.initialize(counts.length, config.dim(), config.loss(), 1);
        List<int[]> sentences = List.of(new int[] {0, 1, 2, 3}, new int[] {3, 2, 1, 0}, new int[] {0, 2, 1, 3});
        new Word2VecTrainer(config, model, counts).train(List.of(SentenceSource.of(sentences, "tiny")), 0, 1, 12,
                ProgressListener.NONE);
        for (float v : model.output().segmentArray(0)) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Instantiates {@code task} in a fresh loader over this test's class path that refuses every {@code org.nd4j}
     * class, and calls it.
     */
    private static Object callWithoutNd4j(Class<?> task) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(toUrl(entry));
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("org.nd4j.")) {
                    throw new ClassNotFoundException(name + " is shut out of this test");
                }
                return super.loadClass(name, resolve);
            }
        }) {
            Callable<?> callable = (Callable<?>) loader.loadClass(task.getName()).getConstructor().newInstance();
            return callable.call();
        }
    }

    private static URL toUrl(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
