package dev.embeddings.backend;

import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Which ND4J backend this JVM runs on, for the start-up log and the manifest: {@code backend} ("cpu" for
 * nd4j-native, "cuda" for nd4j-cuda), {@code backendClass}, {@code devices} (each GPU's index, name and memory, or
 * "cpu") and {@code memory}. Calling it initialises ND4J, so only the nd4j code paths call it.
 */
public final class Nd4jBackendInfo {

    private static final long MIB = 1024 * 1024;

    private Nd4jBackendInfo() {
    }

    /** The backend's description; ND4J failing to start (no GPU for the CUDA build, say) is thrown as is. */
    public static Map<String, String> describe() {
        Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = String.valueOf(environment.getOrDefault(Nd4jEnvironment.BACKEND_KEY, "unknown"))
                .toLowerCase(Locale.ROOT);
        Map<String, String> info = new LinkedHashMap<>();
        info.put("backend", backend);
        info.put("backendClass", Nd4j.getBackend().getClass().getName());
        Object gpus = environment.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY);
        if (gpus instanceof List<?> list && !list.isEmpty()) {
            StringBuilder devices = new StringBuilder();
            long total = 0;
            for (int i = 0; i < list.size(); i++) {
                Map<?, ?> device = (Map<?, ?>) list.get(i);
                long deviceTotal = asLong(device.get(Nd4jEnvironment.CUDA_TOTAL_MEMORY_KEY));
                long deviceFree = asLong(device.get(Nd4jEnvironment.CUDA_FREE_MEMORY_KEY));
                total += deviceTotal;
                devices.append(i == 0 ? "" : "; ").append(i).append(": ")
                        .append(device.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY))
                        .append(String.format(" (%,d MiB, %,d MiB free)", deviceTotal / MIB, deviceFree / MIB));
            }
            info.put("devices", devices.toString());
            info.put("memory", String.format("%,d MiB on %d GPU(s)", total / MIB, list.size()));
        } else {
            info.put("devices", "cpu");
            info.put("memory", String.format("%,d MiB JVM heap, %s cores", asLong(environment.get(
                    Nd4jEnvironment.HOST_TOTAL_MEMORY_KEY)) / MIB, environment.get(Nd4jEnvironment.CPU_CORES_KEY)));
        }
        return info;
    }

    /**
     * {@link #describe()}, or where ND4J cannot start here (the CUDA build on a driver without a GPU, say)
     * {@code backend=unavailable} and the {@code error}: for a driver that only averages and need not run ND4J.
     */
    public static Map<String, String> describeOrFailure() {
        try {
            return describe();
        } catch (RuntimeException | LinkageError e) {
            Map<String, String> info = new LinkedHashMap<>();
            info.put("backend", "unavailable");
            info.put("error", String.valueOf(e));
            return info;
        }
    }

    /** The device the calling thread's ND4J operations run on (always 0 on CPU). */
    public static int currentDevice() {
        return Nd4j.getAffinityManager().getDeviceForCurrentThread();
    }

    /**
     * Runs the calling thread's ND4J operations, and arrays it creates, on CUDA device {@code device} (an index
     * in the order CUDA enumerates the devices this process sees); a no-op on CPU.
     *
     * @throws IllegalArgumentException when the backend has no such device
     */
    public static void useDevice(int device) {
        int devices = Nd4j.getAffinityManager().getNumberOfDevices();
        if (device < 0 || device >= devices) {
            throw new IllegalArgumentException("GPU address " + device + " is not a device ND4J sees (it sees "
                    + devices + "; check CUDA_VISIBLE_DEVICES and CUDA_DEVICE_ORDER=PCI_BUS_ID)");
        }
        Nd4j.getAffinityManager().unsafeSetDevice(device);
    }

    private static long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }
}
