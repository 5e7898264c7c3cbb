package org.helixff.compute.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import org.helixff.compute.BackendUnavailableException;

/**
 * The process's one CUDA context and its one-time probe. {@link #probe()} runs once: it checks the
 * platform and the JCuda native library on the class path, then (inside {@code catch (Throwable)})
 * loads the JCuda driver natives, initialises the driver, picks device 0 (select others with
 * {@code CUDA_VISIBLE_DEVICES}), retains its primary context and loads every PTX module with
 * {@code cuModuleLoadData}, so that a driver too old for the PTX is found here and not at the first
 * launch. The result is remembered; after a failure JCuda is never touched again (its natives are
 * loaded in static initialisers: a second touch would only give NoClassDefFoundError). Uses the
 * driver API only (no runtime API, NVRTC or cuBLAS, whose natives need CUDA 12 libraries).
 * Thread-safe: launches are serialised by a lock and the context is made current in the calling thread.
 */
public final class CudaRuntime {
    private static final Object LOCK = new Object();
    private static CudaProbe probe;
    private static Context context;

    private CudaRuntime() {
    }

    /** The probe's result (runs the probe on first call; never throws). */
    public static CudaProbe probe() {
        synchronized (LOCK) {
            if (probe == null) {
                try {
                    probe = runProbe();
                } catch (Throwable t) { // e.g. the JCuda classes themselves missing from a stripped class path
                    probe = new CudaProbe(false, "the CUDA probe failed: " + t,
                            "run native-setup/check-cuda.sh, or use --backend cpu", Map.of());
                }
            }
            return probe;
        }
    }

    /**
     * The context of a usable device.
     *
     * @throws BackendUnavailableException with the probe's reason and fix when CUDA is unusable
     */
    static Context context() {
        CudaProbe p = probe();
        if (!p.available()) {
            throw new BackendUnavailableException(p.oneLine());
        }
        return context;
    }

    /** The native-library classifier of this platform (e.g. linux-x86_64), or null when JCuda has none. */
    static String classifier() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux" : os.startsWith("windows") ? "windows" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : null;
        return o == null || a == null ? null : o + "-" + a;
    }

    static String jcudaVersion() {
        try (InputStream in = JCudaDriver.class.getResourceAsStream("/META-INF/maven/org.jcuda/jcuda/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    private static CudaProbe runProbe() {
        Map<String, Object> d = new LinkedHashMap<>();
        String version = jcudaVersion();
        String cls = classifier();
        d.put("jcuda_version", version);
        d.put("platform", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        d.put("java_io_tmpdir", System.getProperty("java.io.tmpdir"));
        Map<String, Object> ptx = new LinkedHashMap<>();
        PtxResource.Header h = PtxResource.header(PtxResource.MODULES.get(0));
        ptx.put("target", h.target());
        ptx.put("isa", h.isa());
        ptx.put("toolkit", h.toolkit());
        ptx.put("modules", PtxResource.MODULES);
        d.put("ptx", ptx);
        if (cls == null) {
            return new CudaProbe(false, "JCuda " + version + " has no native library for " + d.get("platform"),
                    "run on linux-x86_64 or windows-x86_64 with an NVIDIA GPU, or use --backend cpu", d);
        }
        boolean windows = cls.startsWith("windows");
        String lib = "JCudaDriver-" + version + "-" + cls;
        String file = windows ? lib + ".dll" : "lib" + lib + ".so";
        d.put("native_library", file);
        d.put("native_library_needs", windows ? "nvcuda.dll (NVIDIA driver)" : "libcuda.so.1 (NVIDIA driver)");
        boolean onPath = JCudaDriver.class.getResource("/lib/" + file) != null;
        d.put("native_library_in_class_path", onPath);
        if (!onPath) {
            return new CudaProbe(false, "the JCuda native library " + file + " is not on the class path",
                    "use the shaded jar (helixff-*-all.jar) or add org.jcuda:jcuda-natives:" + version + ":" + cls, d);
        }
        String stage = "loading the JCuda driver natives";
        try {
            JCudaDriver.setExceptionsEnabled(true);
            stage = "cuInit";
            cuInit(0);
            int[] v = new int[1];
            cuDriverGetVersion(v);
            String driver = v[0] / 1000 + "." + (v[0] % 1000) / 10;
            d.put("driver_cuda_version", driver);
            stage = "listing devices";
            int[] count = new int[1];
            cuDeviceGetCount(count);
            List<Map<String, Object>> devices = new ArrayList<>();
            int[] major = new int[1];
            int[] minor = new int[1];
            for (int i = 0; i < count[0]; i++) {
                CUdevice dev = new CUdevice();
                cuDeviceGet(dev, i);
                byte[] name = new byte[256];
                cuDeviceGetName(name, name.length, dev);
                int len = 0;
                while (len < name.length && name[len] != 0) {
                    len++;
                }
                cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
                cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
                long[] mem = new long[1];
                cuDeviceTotalMem(mem, dev);
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("index", i);
                dm.put("name", new String(name, 0, len, StandardCharsets.UTF_8));
                dm.put("compute_capability", major[0] + "." + minor[0]);
                dm.put("memory_bytes", mem[0]);
                devices.add(dm);
            }
            d.put("devices", devices);
            if (count[0] == 0) {
                return new CudaProbe(false, "the NVIDIA driver (CUDA " + driver + ") reports no CUDA device",
                        "check nvidia-smi and CUDA_VISIBLE_DEVICES, or use --backend cpu", d);
            }
            CUdevice dev = new CUdevice();
            cuDeviceGet(dev, 0);
            cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
            cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
            d.put("device", 0);
            if (major[0] * 10 + minor[0] < 75) {
                return new CudaProbe(false, "device 0 (" + devices.get(0).get("name") + ") has compute capability "
                        + major[0] + "." + minor[0] + ", below the PTX target " + h.target() + " (Turing or newer)",
                        "run on a Turing-or-newer NVIDIA GPU, or use --backend cpu", d);
            }
            stage = "creating the context";
            CUcontext ctx = new CUcontext();
            cuDevicePrimaryCtxRetain(ctx, dev);
            cuCtxSetCurrent(ctx);
            Map<String, CUmodule> modules = new LinkedHashMap<>();
            for (String m : PtxResource.MODULES) {
                stage = "loading PTX module " + m;
                CUmodule mod = new CUmodule();
                cuModuleLoadData(mod, PtxResource.image(m));
                for (String entry : PtxResource.entryPoints(m)) {
                    cuModuleGetFunction(new CUfunction(), mod, entry);
                }
                modules.put(m, mod);
            }
            context = new Context(ctx, modules);
            return new CudaProbe(true, null, null, d);
        } catch (Throwable t) {
            return failure(stage, t, d, h);
        }
    }

    private static CudaProbe failure(String stage, Throwable t, Map<String, Object> d, PtxResource.Header h) {
        String all = messages(t);
        d.put("failed_stage", stage);
        d.put("error", t.getClass().getName() + ": " + firstLine(t.getMessage()));
        if (all.contains("libcuda.so") || all.contains("nvcuda.dll")) {
            return new CudaProbe(false, "the NVIDIA driver library " + (all.contains("nvcuda") ? "nvcuda.dll" : "libcuda.so.1")
                    + " cannot be loaded (no NVIDIA driver installed)",
                    "install the NVIDIA driver (>= 580, CUDA 13) on a machine with an NVIDIA GPU, or use --backend cpu", d);
        }
        if (all.contains("CUDA_ERROR_UNSUPPORTED_PTX_VERSION")) {
            return new CudaProbe(false, "the driver (CUDA " + d.get("driver_cuda_version") + ") is older than the shipped PTX (ISA "
                    + h.isa() + ", " + h.toolkit() + ")", "update the NVIDIA driver to >= 580 (CUDA 13), or use --backend cpu", d);
        }
        if (all.contains("CUDA_ERROR_INVALID_PTX")) {
            return new CudaProbe(false, "the driver rejected the PTX (" + stage + ")",
                    "rebuild the PTX with native-setup/build-ptx.sh and the jar, or use --backend cpu", d);
        }
        if (all.contains("CUDA_ERROR_NO_DEVICE")) {
            return new CudaProbe(false, "the NVIDIA driver reports no CUDA device",
                    "check nvidia-smi and CUDA_VISIBLE_DEVICES, or use --backend cpu", d);
        }
        if (t instanceof LinkageError) {
            String marker = "attempt to load the library as a resource:";
            int i = all.indexOf(marker);
            String cause = i >= 0 ? firstLine(all.substring(i + marker.length()).strip()) : firstLine(t.getMessage());
            return new CudaProbe(false, "the JCuda driver natives failed to load: " + cause,
                    "check that java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + ") is a writable directory"
                            + " (the natives are extracted there) and run native-setup/check-cuda.sh, or use --backend cpu", d);
        }
        return new CudaProbe(false, stage + " failed: " + firstLine(t.getMessage()),
                "run native-setup/check-cuda.sh and nvidia-smi, or use --backend cpu", d);
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int i = s.indexOf('\n');
        return (i < 0 ? s : s.substring(0, i)).trim();
    }

    /**
     * The usable context: PTX modules loaded, functions looked up once. {@link #run} holds the lock and
     * makes the context current in the calling thread.
     */
    static final class Context {
        private final CUcontext ctx;
        private final Map<String, CUmodule> modules;
        private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
        private final ReentrantLock lock = new ReentrantLock();

        private Context(CUcontext ctx, Map<String, CUmodule> modules) {
            this.ctx = ctx;
            this.modules = modules;
        }

        /** Runs body with the context current, one caller at a time. */
        <T> T run(Supplier<T> body) {
            lock.lock();
            try {
                try {
                    cuCtxSetCurrent(ctx);
                } catch (CudaException e) {
                    throw new CudaDriverException("CUDA cuCtxSetCurrent failed: " + e.getMessage(), e);
                }
                return body.get();
            } finally {
                lock.unlock();
            }
        }

        private CUfunction function(String module, String kernel) {
            return functions.computeIfAbsent(module + "/" + kernel, k -> {
                CUfunction f = new CUfunction();
                cuModuleGetFunction(f, modules.get(module), kernel);
                return f;
            });
        }

        /**
         * Launches a kernel and waits for it (inside {@link #run}).
         *
         * @throws CudaDriverException naming the kernel and launch size when the launch or the kernel fails
         */
        void launch(String module, String kernel, long gridX, long gridY, int threads, int sharedBytes, Pointer... args) {
            String size = "grid " + gridX + " x " + gridY + ", " + threads + " threads, " + sharedBytes + " B shared";
            if (gridX < 1 || gridY < 1) {
                return; // nothing to do
            }
            if (gridX > Integer.MAX_VALUE || gridY > 65535) {
                throw new CudaDriverException("CUDA launch of " + kernel + " (" + size + ") exceeds the grid limits", null);
            }
            try {
                cuLaunchKernel(function(module, kernel), (int) gridX, (int) gridY, 1, threads, 1, 1, sharedBytes, null,
                        Pointer.to(args), null);
                cuCtxSynchronize();
            } catch (CudaException e) {
                throw new CudaDriverException("CUDA launch of " + kernel + " (" + size + ") failed: " + e.getMessage(), e);
            }
        }
    }
}
