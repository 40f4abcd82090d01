package dev.embeddings.word2vec;

import dev.embeddings.backend.Nd4jBackendInfo;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a Spark task's ND4J work on the GPU Spark assigned it: with {@code spark.task.resource.gpu.amount=1} each
 * concurrent task holds one address from the discovery script (nvidia-smi's index), and the task thread is bound
 * to that CUDA device, where {@link Word2VecTrainer} then uploads the model and binds its threads. Logs the
 * executor's ND4J backend (backend, devices, memory) once per JVM.
 */
final class Nd4jTaskDevice {

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jTaskDevice.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private Nd4jTaskDevice() {
    }

    /** Binds the calling task thread to its assigned GPU, if it has one and ND4J runs on CUDA. */
    static void select(int worker) {
        Map<String, String> backend = Nd4jBackendInfo.describe();
        if (LOGGED.compareAndSet(false, true)) {
            LOG.info("word2vec nd4j backend on this executor: {}", backend);
        }
        TaskContext task = TaskContext.get();
        ResourceInformation gpu = task == null ? null : task.resourcesJMap().get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return;
        }
        String address = gpu.addresses()[0];
        if (!"cuda".equals(backend.get("backend"))) {
            LOG.warn("word2vec worker {}: Spark assigned GPU {} but ND4J runs on {}; build the jar with -Pcuda",
                    worker, address, backend.get("backend"));
            return;
        }
        Nd4jBackendInfo.useDevice(Integer.parseInt(address));
        LOG.info("word2vec worker {}: training on GPU {}", worker, address);
    }
}
