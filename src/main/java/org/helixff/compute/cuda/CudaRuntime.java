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
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxReset;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadDataJIT;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUjit_option;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.driver.JITOptions;
import org.helixff.compute.BackendUnavailableException;

/**
 * The process's one CUDA context and its one-time probe. {@link #probe()} runs once, on a daemon thread
 * with a time limit ({@value #PROBE_TIMEOUT_PROPERTY}, default {@value #DEFAULT_PROBE_TIMEOUT_SECONDS} s: a hung
 * driver or GPU makes the probe fail instead of hanging the program): it checks the platform and the JCuda
 * native library on the class path, then (inside {@code catch (Throwable)}) loads the JCuda driver natives,
 * initialises the driver, picks device 0 (select others with {@code CUDA_VISIBLE_DEVICES}), retains its
 * primary context and loads every PTX module with {@code cuModuleLoadDataEx} (JIT error log captured into
 * the message), so that a driver too old for the PTX is found here and not at the first launch; then
 * probes cuBLAS ({@link Cublas}; optional: without it the built-in GEMM kernels run). The result is
 * remembered; after a failure JCuda is never touched again (its natives are loaded in static initialisers:
 * a second touch would only give NoClassDefFoundError).
 *
 * <p>Faults: after a sticky fault (illegal address and the like, {@link CudaFaults}) the context is
 * unusable; {@link Context#run} resets the primary context once per fault (fresh context, modules reloaded,
 * device memory lost), at most {@value #MAX_RESETS} times per process, and records the fault
 * ({@link #faultReason()}) so that AUTO continues on the CPU. Thread-safe: launches are serialised by a lock
 * and the context is made current in the calling thread.
 */
public final class CudaRuntime {
    /** System property: seconds the probe may take (PTX JIT included). */
    public static final String PROBE_TIMEOUT_PROPERTY = "helixff.cuda.probeTimeoutSeconds";
    static final double DEFAULT_PROBE_TIMEOUT_SECONDS = 120;
    /** Context resets after sticky faults per process before the GPU is given up. */
    static final int MAX_RESETS = 2;
    private static final int JIT_LOG_BYTES = 16384;
    private static final System.Logger LOG = System.getLogger("org.helixff.compute");
    private static final Object LOCK = new Object();
    private static CudaProbe probe;
    private static volatile Context context;
    private static volatile String stage = "starting";
    private static volatile String fault;

    private CudaRuntime() {
    }

    /** The probe's result (runs the probe on first call, within the time limit; never throws). */
    public static CudaProbe probe() {
        synchronized (LOCK) {
            if (probe == null) {
                probe = withTimeout("helixff-cuda-probe", seconds(PROBE_TIMEOUT_PROPERTY, DEFAULT_PROBE_TIMEOUT_SECONDS),
                        () -> {
                            try {
                                return runProbe();
                            } catch (Throwable t) { // e.g. the JCuda classes missing from a stripped class path
                                return new CudaProbe(false, "the CUDA probe failed: " + t,
                                        "run native-setup/check-cuda.sh, or use --backend cpu", Map.of());
                            }
                        }, (limit) -> new CudaProbe(false, "the CUDA probe did not finish within " + limit + " s (stage: "
                                + stage + ")", "check nvidia-smi for a hung or busy GPU, raise -D" + PROBE_TIMEOUT_PROPERTY
                                + ", or use --backend cpu", Map.of("failed_stage", stage)));
                if (!probe.available()) {
                    context = null; // a probe that timed out may still finish: never use what it made
                }
            }
            return probe;
        }
    }

    /** A positive number of seconds from a system property, else the default. */
    public static double seconds(String property, double def) {
        try {
            double v = Double.parseDouble(System.getProperty(property, String.valueOf(def)).trim());
            return v > 0 && Double.isFinite(v) ? v : def;
        } catch (NumberFormatException e) {
            return def;
        }
    }

    /**
     * Runs body on a new daemon thread and waits at most {@code seconds}; on timeout returns
     * {@code onTimeout.apply(seconds)} and leaves the thread running (it cannot be stopped inside the driver).
     * Exceptions of body are rethrown.
     */
    public static <T> T withTimeout(String thread, double seconds, Supplier<T> body, java.util.function.DoubleFunction<T> onTimeout) {
        FutureTask<T> task = new FutureTask<>(body::get);
        Thread t = new Thread(task, thread);
        t.setDaemon(true);
        t.start();
        try {
            return task.get((long) Math.ceil(seconds * 1000), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return onTimeout.apply(seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return onTimeout.apply(seconds);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    /**
     * Why the GPU should no longer be trusted by AUTO in this process (a sticky fault, or a context that
     * could not be reset), or null.
     */
    public static String faultReason() {
        return fault;
    }

    /** Forgets a recorded fault (tests of the fault handling only). */
    static void clearFaultForTests() {
        synchronized (LOCK) {
            fault = null;
        }
    }

    /** Records a fault (first one wins) and logs it once. */
    static void recordFault(String reason) {
        synchronized (LOCK) {
            if (fault == null) {
                fault = reason;
                LOG.log(System.Logger.Level.WARNING, "GPU fault: {0}; AUTO continues on the CPU backend", reason);
            }
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean OOM_LOGGED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Runs a GPU computation; for an engine made for AUTO ({@code cpuFallback}) runs the CPU alternative instead
     * when the GPU has faulted earlier in this process, when this computation hits a sticky fault (recorded, one
     * WARNING line per process), or when it runs out of device memory even after splitting (one INFO line per
     * process; later calls try the GPU again). Engines for an explicit CUDA request get the exception.
     */
    static <T> T guarded(boolean cpuFallback, Supplier<T> gpu, Supplier<T> onCpu) {
        if (cpuFallback && faultReason() != null) {
            return onCpu.get();
        }
        try {
            return gpu.get();
        } catch (CudaDriverException e) {
            if (!cpuFallback) {
                throw e;
            }
            if (e.kind() == CudaFaults.Kind.STICKY) {
                recordFault(e.getMessage());
                return onCpu.get();
            }
            if (e.kind() == CudaFaults.Kind.OUT_OF_MEMORY) {
                if (OOM_LOGGED.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.INFO, "GPU out of memory ({0}); this call runs on the CPU backend",
                            e.getMessage());
                }
                return onCpu.get();
            }
            throw e;
        }
    }

    /** How the kernel products run: "cuBLAS x.y.z (cublasDgemm)" or the built-in kernels and why (null before the probe). */
    public static String gemmPath() {
        Context c = context;
        return c == null ? null : c.gemmDescription();
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
        stage = "loading the JCuda driver natives";
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
            Map<String, CUmodule> modules = loadModules();
            stage = "probing cuBLAS";
            Context c = new Context(dev, ctx, modules);
            d.put("gemm", c.gemmDescription());
            context = c;
            return new CudaProbe(true, null, null, d);
        } catch (Throwable t) {
            return failure(stage, t, d, h);
        }
    }

    /**
     * Loads every PTX module with cuModuleLoadDataEx and looks up its entry points (context current).
     *
     * @throws CudaException with the driver's error name and the JIT error log (one line) when a module fails
     */
    private static Map<String, CUmodule> loadModules() {
        Map<String, CUmodule> modules = new LinkedHashMap<>();
        for (String m : PtxResource.MODULES) {
            stage = "loading PTX module " + m;
            CUmodule mod = new CUmodule();
            JITOptions o = new JITOptions();
            o.putBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[JIT_LOG_BYTES]);
            o.putInt(CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, JIT_LOG_BYTES);
            int rc = cuModuleLoadDataJIT(mod, Pointer.to(PtxResource.image(m)), o); // returns the code, never throws
            if (rc != CUresult.CUDA_SUCCESS) {
                String log = null;
                try {
                    log = o.getString(CUjit_option.CU_JIT_ERROR_LOG_BUFFER);
                } catch (RuntimeException e) {
                    // no log
                }
                throw new CudaException(CUresult.stringFor(rc) + jitLog(log));
            }
            for (String entry : PtxResource.entryPoints(m)) {
                cuModuleGetFunction(new CUfunction(), mod, entry);
            }
            modules.put(m, mod);
        }
        return modules;
    }

    /** "; JIT log: ..." on one line (empty when there is none). */
    static String jitLog(String log) {
        if (log == null) {
            return "";
        }
        int z = log.indexOf('\0');
        String s = (z >= 0 ? log.substring(0, z) : log).replaceAll("\\s+", " ").strip();
        if (s.length() > 400) {
            s = s.substring(0, 400) + " ...";
        }
        return s.isEmpty() ? "" : "; JIT log: " + s;
    }

    private static CudaProbe failure(String stage, Throwable t, Map<String, Object> d, PtxResource.Header h) {
        String all = messages(t);
        d.put("failed_stage", stage);
        d.put("error", t.getClass().getName() + ": " + firstLine(t.getMessage()));
        if (all.contains("libcuda.so") || all.contains("nvcuda.dll")) {
            return new CudaProbe(false, "the NVIDIA driver library " + (all.contains("nvcuda") ? "nvcuda.dll" : "libcuda.so.1")
                    + " cannot be loaded (no NVIDIA driver installed)",
                    "install the NVIDIA driver (>= 525) on a machine with an NVIDIA GPU, or use --backend cpu", d);
        }
        if (all.contains("CUDA_ERROR_UNSUPPORTED_PTX_VERSION")) {
            return new CudaProbe(false, "the driver (CUDA " + d.get("driver_cuda_version") + ") is older than the shipped PTX (ISA "
                    + h.isa() + ", " + h.toolkit() + ")" + jitLogOf(all), "update the NVIDIA driver (>= 525 for JCuda "
                    + d.get("jcuda_version") + "), or use --backend cpu", d);
        }
        if (all.contains("CUDA_ERROR_INVALID_PTX")) {
            return new CudaProbe(false, "the driver rejected the PTX (" + stage + ")" + jitLogOf(all),
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

    private static String jitLogOf(String messages) {
        int i = messages.indexOf("; JIT log: ");
        if (i < 0) {
            return "";
        }
        int end = messages.indexOf('\n', i);
        return messages.substring(i, end < 0 ? messages.length() : end);
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
     * The usable context: PTX modules loaded, functions looked up once, device memory kept between calls
     * ({@link DeviceMemory}), cuBLAS handle when available. {@link #run} holds the lock, makes the context
     * current in the calling thread and handles sticky faults (context reset).
     */
    static final class Context {
        private final CUdevice device;
        private CUcontext ctx;
        private Map<String, CUmodule> modules;
        private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
        private final ReentrantLock lock = new ReentrantLock();
        private final DeviceMemory memory = new DeviceMemory();
        private Cublas blas;
        private String gemm;
        private int generation;
        private int resets;
        private String broken;

        private Context(CUdevice device, CUcontext ctx, Map<String, CUmodule> modules) {
            this.device = device;
            this.ctx = ctx;
            this.modules = modules;
            openBlas();
        }

        private void openBlas() {
            blas = Cublas.open(Cublas::create);
            gemm = blas != null ? blas.describe() + " (cublasDgemm)"
                    : "built-in GEMM kernels (cuBLAS unavailable: " + Cublas.failure() + ")";
        }

        String gemmDescription() {
            return gemm;
        }

        /** cuBLAS, or null when the built-in GEMM kernels run (inside {@link #run}). */
        Cublas blas() {
            return blas;
        }

        /** The device memory kept between calls (inside {@link #run}). */
        DeviceMemory memory() {
            return memory;
        }

        /** Incremented by every context reset (device memory and handles of older generations are gone). */
        int generation() {
            return generation;
        }

        /** Free device memory in bytes (inside {@link #run}); 0 when unknown. */
        long freeBytes() {
            long[] free = new long[1];
            long[] total = new long[1];
            try {
                cuMemGetInfo(free, total);
                return free[0];
            } catch (CudaException e) {
                return 0;
            }
        }

        /**
         * Runs body with the context current, one caller at a time. A sticky fault raised by body resets the
         * context (fresh primary context, modules reloaded; at most {@link CudaRuntime#MAX_RESETS} per process)
         * and is rethrown; the fault is recorded for AUTO.
         *
         * @throws CudaDriverException when the context is unusable (after too many faults, or a failed reset)
         */
        <T> T run(Supplier<T> body) {
            lock.lock();
            try {
                if (broken != null) {
                    throw new CudaDriverException("the GPU is unusable in this process: " + broken
                            + "; restart the program or use --backend cpu", null, CudaFaults.Kind.STICKY);
                }
                try {
                    cuCtxSetCurrent(ctx);
                } catch (CudaException e) {
                    throw new CudaDriverException("CUDA cuCtxSetCurrent failed: " + e.getMessage(), e);
                }
                try {
                    return body.get();
                } catch (CudaDriverException e) {
                    if (e.kind() == CudaFaults.Kind.STICKY) {
                        afterStickyFault(e.getMessage());
                    }
                    throw e;
                }
            } finally {
                lock.unlock();
            }
        }

        private void afterStickyFault(String message) {
            recordFault(message);
            memory.forget();
            blas = null;
            functions.clear();
            if (resets >= MAX_RESETS) {
                broken = "sticky GPU fault after " + resets + " context resets (" + message + ")";
                return;
            }
            resets++;
            try {
                cuDevicePrimaryCtxReset(device);
                CUcontext fresh = new CUcontext();
                cuDevicePrimaryCtxRetain(fresh, device);
                cuCtxSetCurrent(fresh);
                ctx = fresh;
                modules = loadModules();
                generation++;
                openBlas();
                LOG.log(System.Logger.Level.WARNING, "GPU context reset after a sticky fault ({0}); device memory was"
                        + " reloaded", message);
            } catch (Throwable t) {
                broken = "the context could not be reset after a sticky fault (" + message + "): " + t;
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
            long t0 = System.nanoTime();
            try {
                cuLaunchKernel(function(module, kernel), (int) gridX, (int) gridY, 1, threads, 1, 1, sharedBytes, null,
                        Pointer.to(args), null);
                cuCtxSynchronize();
            } catch (CudaException e) {
                throw new CudaDriverException("CUDA launch of " + kernel + " (" + size + ") failed: " + e.getMessage(), e);
            }
            CudaStats.kernel(module, System.nanoTime() - t0);
        }
    }
}
